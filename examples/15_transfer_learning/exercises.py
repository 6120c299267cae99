"""Chapter 15 exercises: the answers, run and checked like every other block."""

# --8<-- [start:count-trainable]
from torch import nn

backbone = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
model = nn.Sequential(backbone, nn.Linear(64, 10))  # a head for 10 classes


def count_trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


backbone.requires_grad_(False)
print("backbone frozen:", count_trainable(model))  # 64 * 10 + 10

backbone[2].requires_grad_(True)  # unfreeze the backbone's second Linear only
print("first layer frozen:", count_trainable(model))  # + 128 * 64 + 64
# --8<-- [end:count-trainable]

# --8<-- [start:frozen-output]
import torch
from torch import nn

torch.manual_seed(123)
backbone = nn.Sequential(nn.Linear(64, 128), nn.ReLU(), nn.Linear(128, 64), nn.ReLU())
head = nn.Linear(64, 5)
backbone.requires_grad_(False)

x = torch.rand(3, 64)
features = backbone(x)  # no torch.no_grad() here
logits = head(features)
print(
    "features.requires_grad:", features.requires_grad,
    "| logits.requires_grad:", logits.requires_grad,
)
# --8<-- [end:frozen-output]

# --8<-- [start:stale-optimizer]
import torch
from torch import nn

torch.manual_seed(123)
backbone = nn.Sequential(nn.Linear(64, 32), nn.ReLU())
model = nn.Sequential(backbone, nn.Linear(32, 5))
backbone.requires_grad_(False)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)  # all parameters, frozen ones too

X, y = torch.rand(20, 64), torch.randint(0, 5, (20,))
before = backbone[0].weight.clone()


def one_step():
    loss = nn.functional.cross_entropy(model(X), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


one_step()
print("frozen, backbone unchanged:", torch.equal(backbone[0].weight, before))

backbone.requires_grad_(True)  # unfreeze, but keep the old optimizer
one_step()
print("unfrozen, backbone unchanged:", torch.equal(backbone[0].weight, before))
# --8<-- [end:stale-optimizer]
