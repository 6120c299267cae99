"""Transfer learning on scikit-learn's digits: pretrain on 0-4, reuse the backbone for 5-9."""

# --8<-- [start:imports]
import torch
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from torch import nn

torch.set_printoptions(precision=4, sci_mode=False)
# --8<-- [end:imports]

# --8<-- [start:data]
digits = load_digits()  # 1,797 images of 8x8 pixels, shipped with scikit-learn: no download
X = torch.tensor(digits.data / 16.0, dtype=torch.float32)  # pixel values 0..16 -> 0..1
y = torch.tensor(digits.target)

is_source = y < 5
X_source, y_source = X[is_source], y[is_source]  # digits 0-4
X_target, y_target = X[~is_source], y[~is_source] - 5  # digits 5-9, relabelled 0-4

X_source_train, X_source_test, y_source_train, y_source_test = train_test_split(
    X_source, y_source, test_size=0.25, stratify=y_source, random_state=1
)
X_target_pool, X_target_test, y_target_pool, y_target_test = train_test_split(
    X_target, y_target, test_size=0.5, stratify=y_target, random_state=1
)
print("source (0-4): train", len(X_source_train), "test", len(X_source_test))
print("target (5-9): pool ", len(X_target_pool), "test", len(X_target_test))
# --8<-- [end:data]


# --8<-- [start:few-labels]
def take_per_class(X, y, per_class, seed):
    """A labelled training set of `per_class` images of each class, drawn with a seed."""
    generator = torch.Generator().manual_seed(seed)
    keep = [torch.nonzero(y == c).flatten() for c in y.unique()]
    keep = torch.cat(
        [idx[torch.randperm(len(idx), generator=generator)[:per_class]] for idx in keep]
    )
    return X[keep], y[keep]


X_target_train, y_target_train = take_per_class(X_target_pool, y_target_pool, per_class=10, seed=0)
print(
    "target training set:", len(X_target_train),
    "images, per class", y_target_train.bincount().tolist(),
)
# --8<-- [end:few-labels]


# --8<-- [start:model]
class DigitNet(nn.Module):
    def __init__(self, num_classes=5):
        super().__init__()
        self.backbone = nn.Sequential(  # feature layers: pixels -> 64 features
            nn.Linear(64, 128),
            nn.ReLU(),
            nn.Linear(128, 64),
            nn.ReLU(),
        )
        self.head = nn.Linear(64, num_classes)  # features -> logits

    def forward(self, x):
        return self.head(self.backbone(x))


def train(model, optimizer, X, y, num_steps=200):
    model.train()
    for _ in range(num_steps):  # full batch: the data sets are small
        loss = nn.functional.cross_entropy(model(X), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def accuracy(model, X, y):
    model.eval()
    with torch.no_grad():
        return (model(X).argmax(dim=1) == y).float().mean().item()


# --8<-- [end:model]

# --8<-- [start:pretrain]
torch.manual_seed(123)
pretrained = DigitNet()
train(
    pretrained,
    torch.optim.Adam(pretrained.parameters(), lr=0.01),
    X_source_train,
    y_source_train,
)
print(f"pretrained, test accuracy on 0-4: {accuracy(pretrained, X_source_test, y_source_test):.4f}")
# --8<-- [end:pretrain]

# --8<-- [start:freeze]
torch.manual_seed(123)
model = DigitNet()
model.backbone.load_state_dict(pretrained.backbone.state_dict())  # keep the backbone, new head
model.backbone.requires_grad_(False)  # freeze it


def count(parameters):
    return sum(p.numel() for p in parameters)


trainable = [p for p in model.parameters() if p.requires_grad]
frozen = [p for p in model.parameters() if not p.requires_grad]
print("trainable:", count(trainable), "frozen:", count(frozen))
# --8<-- [end:freeze]

# --8<-- [start:train-head]
optimizer = torch.optim.Adam(trainable, lr=0.01)  # only what should change
train(model, optimizer, X_target_train, y_target_train)
print(f"head only, test accuracy on 5-9: {accuracy(model, X_target_test, y_target_test):.4f}")
print(
    "backbone grad:", model.backbone[0].weight.grad,
    "| head grad:", tuple(model.head.weight.grad.shape),
)
# --8<-- [end:train-head]

# --8<-- [start:feature-extractor]
with torch.no_grad():  # no graph is recorded: the features are plain numbers
    features_train = pretrained.backbone(X_target_train)
    features_test = pretrained.backbone(X_target_test)
print("features:", tuple(features_train.shape), "requires_grad:", features_train.requires_grad)

torch.manual_seed(123)
head = DigitNet().head  # the same starting head as model.head above
train(head, torch.optim.Adam(head.parameters(), lr=0.01), features_train, y_target_train)
print(
    "head on stored features, test accuracy on 5-9: "
    f"{accuracy(head, features_test, y_target_test):.4f}"
)
# --8<-- [end:feature-extractor]

# --8<-- [start:no-grad-cannot-train]
with torch.no_grad():
    loss = nn.functional.cross_entropy(model(X_target_train), y_target_train)
try:
    loss.backward()
except RuntimeError as err:
    print(f"{type(err).__name__}: {err}")
# --8<-- [end:no-grad-cannot-train]

# --8<-- [start:fine-tune]
model.backbone.requires_grad_(True)  # unfreeze
optimizer = torch.optim.Adam(
    [
        {"params": model.backbone.parameters(), "lr": 0.001},  # 10x smaller: nudge, don't overwrite
        {"params": model.head.parameters(), "lr": 0.01},
    ]
)
train(model, optimizer, X_target_train, y_target_train)
print(f"fine-tuned, test accuracy on 5-9: {accuracy(model, X_target_test, y_target_test):.4f}")
# --8<-- [end:fine-tune]

# --8<-- [start:from-scratch]
torch.manual_seed(123)
scratch = DigitNet()
train(scratch, torch.optim.Adam(scratch.parameters(), lr=0.01), X_target_train, y_target_train)
print(f"from scratch, test accuracy on 5-9: {accuracy(scratch, X_target_test, y_target_test):.4f}")
# --8<-- [end:from-scratch]

# --8<-- [start:why]
with torch.no_grad():
    # the old head's 0-4 answer for each 5-9 image
    seen_as = pretrained(X_target_test).argmax(dim=1)
for digit in range(5):
    print(
        f"digit {digit + 5}, called 0/1/2/3/4:",
        seen_as[y_target_test == digit].bincount(minlength=5).tolist(),
    )

torch.manual_seed(123)
random_model = DigitNet()  # same head start as model, but a backbone that never learned anything
random_model.backbone.requires_grad_(False)
train(
    random_model,
    torch.optim.Adam(random_model.head.parameters(), lr=0.01),
    X_target_train,
    y_target_train,
)
print(
    "random frozen backbone, head only, test accuracy on 5-9: "
    f"{accuracy(random_model, X_target_test, y_target_test):.4f}"
)
# --8<-- [end:why]


# --8<-- [start:sizes-and-draws]
def compare(per_class, seed):
    """Four accuracies on 5-9 for one seeded draw of `per_class` labelled images per class."""
    X_train, y_train = take_per_class(X_target_pool, y_target_pool, per_class, seed)
    torch.manual_seed(seed)
    model = DigitNet()
    model.backbone.load_state_dict(pretrained.backbone.state_dict())
    model.backbone.requires_grad_(False)
    train(model, torch.optim.Adam(model.head.parameters(), lr=0.01), X_train, y_train)
    head_only = accuracy(model, X_target_test, y_target_test)

    model.backbone.requires_grad_(True)
    groups = [
        {"params": model.backbone.parameters(), "lr": 0.001},
        {"params": model.head.parameters(), "lr": 0.01},
    ]
    train(model, torch.optim.Adam(groups), X_train, y_train)
    fine_tuned = accuracy(model, X_target_test, y_target_test)

    torch.manual_seed(seed)
    scratch = DigitNet()
    train(scratch, torch.optim.Adam(scratch.parameters(), lr=0.01), X_train, y_train)
    from_scratch = accuracy(scratch, X_target_test, y_target_test)

    torch.manual_seed(seed)
    random_model = DigitNet()
    random_model.backbone.requires_grad_(False)
    train(random_model, torch.optim.Adam(random_model.head.parameters(), lr=0.01), X_train, y_train)
    return head_only, fine_tuned, from_scratch, accuracy(random_model, X_target_test, y_target_test)


print("per class | head only | fine-tuned | from scratch | random frozen | scratch > fine-tuned")
for per_class in (5, 10, 20):
    results = torch.tensor([compare(per_class, seed) for seed in range(5)])  # 5 draws
    head_only, fine_tuned, from_scratch, random_frozen = results.mean(dim=0).tolist()
    scratch_wins = (results[:, 2] > results[:, 1]).sum().item()
    print(f"{per_class:9d} | {head_only:9.4f} | {fine_tuned:10.4f} | {from_scratch:12.4f}", end="")
    print(f" | {random_frozen:13.4f} | in {scratch_wins} of 5")
# --8<-- [end:sizes-and-draws]

# --8<-- [start:frozen-batchnorm]
torch.manual_seed(123)
batch_norm = nn.BatchNorm1d(3)
batch_norm.requires_grad_(False)  # weight and bias frozen ...

batch_norm.train()
# ... yet a forward pass in training mode updates the running mean
batch_norm(torch.randn(8, 3) + 5.0)
print("after a batch in train mode:", batch_norm.running_mean)

batch_norm.eval()
# evaluation mode uses the running statistics and leaves them alone
batch_norm(torch.randn(8, 3) - 5.0)
print("after a batch in eval mode: ", batch_norm.running_mean)
# --8<-- [end:frozen-batchnorm]
