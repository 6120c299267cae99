"""Writing a backward pass yourself with torch.autograd.Function, checked by gradcheck."""

# --8<-- [start:imports]
import torch

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]


# --8<-- [start:custom-function]
class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)  # keep what backward will need
        return x * x

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * 2 * x  # chain rule: dL/dx = dL/d(out) * d(out)/dx


# --8<-- [end:custom-function]

# --8<-- [start:use-custom-function]
x = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
Square.apply(x).sum().backward()
print(x.grad)
# --8<-- [end:use-custom-function]

# --8<-- [start:gradcheck]
torch.manual_seed(123)
x64 = torch.randn(4, dtype=torch.float64, requires_grad=True)  # gradcheck wants float64
print(torch.autograd.gradcheck(Square.apply, (x64,)))
# --8<-- [end:gradcheck]


# --8<-- [start:wrong-backward]
class WrongSquare(Square):
    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output * x  # forgot the factor 2


try:
    torch.autograd.gradcheck(WrongSquare.apply, (x64,))
except RuntimeError as error:  # torch.autograd.gradcheck.GradcheckError
    print(type(error).__name__, str(error).strip())
# --8<-- [end:wrong-backward]
