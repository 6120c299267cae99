"""Train the digits classifier as config.json describes; save a checkpoint after every epoch.

python examples/14_project_template/train.py              # train for the config's num_epochs
python examples/14_project_template/train.py --epochs 2   # stop after epoch 2
python examples/14_project_template/train.py --resume     # go on from the last checkpoint
"""

import argparse
import json
import logging
import sys
from pathlib import Path

import torch
from data import make_loaders
from model import DigitsClassifier
from trainer import evaluate, train_one_epoch

from pytorch_primer.checkpoints import CheckpointError, load_checkpoint, save_checkpoint

log = logging.getLogger("train")


def parse_args():
    parser = argparse.ArgumentParser(description="Train the digits classifier.")
    parser.add_argument("--config", type=Path, default=Path(__file__).with_name("config.json"))
    parser.add_argument(
        "--epochs",
        type=int,
        help="train up to this epoch (default: the config's num_epochs)",
    )
    parser.add_argument("--resume", action="store_true", help="go on from the last checkpoint")
    return parser.parse_args()


def main():
    args = parse_args()
    config = json.loads(args.config.read_text(encoding="utf-8"))
    num_epochs = config["trainer"]["num_epochs"] if args.epochs is None else args.epochs
    # relative: inside the current folder
    checkpoint_dir = Path(config["trainer"]["checkpoint_dir"])
    checkpoint_path = checkpoint_dir / "last.pt"

    # Log to the screen and to a file that the runs of one experiment share.
    checkpoint_dir.mkdir(parents=True, exist_ok=True)
    handlers = [
        logging.StreamHandler(sys.stdout),
        logging.FileHandler(checkpoint_dir / "train.log"),
    ]
    logging.basicConfig(level=logging.INFO, format="%(message)s", handlers=handlers)

    torch.manual_seed(config["seed"])
    train_loader, val_loader = make_loaders(config["data"], seed=config["seed"])
    model = DigitsClassifier(**config["model"])
    optimizer = torch.optim.Adam(model.parameters(), **config["optimizer"])

    start_epoch = 0
    if args.resume:
        try:
            checkpoint = load_checkpoint(checkpoint_path)
        except CheckpointError as error:
            # one clear line, exit status 1
            sys.exit(f"cannot resume from {checkpoint_path}: {error}")
        model.load_state_dict(checkpoint["model"])
        optimizer.load_state_dict(checkpoint["optimizer"])  # Adam's running averages
        torch.set_rng_state(checkpoint["torch_rng_state"])  # dropout's random numbers
        train_loader.generator.set_state(checkpoint["loader_rng_state"])  # the shuffling order
        start_epoch = checkpoint["epoch"]
        log.info(f"Resumed from {checkpoint_path} after epoch {start_epoch}")

    for epoch in range(start_epoch, num_epochs):
        train_loss = train_one_epoch(model, train_loader, optimizer)
        val_loss, val_accuracy = evaluate(model, val_loader)
        log.info(
            f"Epoch: {epoch + 1:03d}/{num_epochs:03d} | Train Loss: {train_loss:.4f}"
            f" | Val Loss: {val_loss:.4f} | Val Acc: {val_accuracy:.4f}"
        )
        checkpoint = {
            "epoch": epoch + 1,  # epochs done
            "model": model.state_dict(),
            "optimizer": optimizer.state_dict(),
            "torch_rng_state": torch.get_rng_state(),  # a uint8 tensor: weights_only can load it
            "loader_rng_state": train_loader.generator.get_state(),
        }
        # atomic: the old file until the new one is whole
        save_checkpoint(checkpoint, checkpoint_path)


if __name__ == "__main__":
    main()
