# Data-parallel training with DistributedDataParallel (DDP): one process per device.
# Start it with torchrun, from the repository root:
#     torchrun --standalone --nproc_per_node=2 snippets/training/ddp_train.py
# Started with plain `python`, it runs as a group of one process.
import os

import torch
import torch.distributed as dist
from torch import nn
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler, TensorDataset


def main():
    # torchrun tells each process who it is through environment variables.
    rank = int(os.environ.get("RANK", 0))  # this process, among all processes
    local_rank = int(os.environ.get("LOCAL_RANK", 0))  # this process, on this machine
    local_world_size = int(os.environ.get("LOCAL_WORLD_SIZE", 1))

    # One GPU per process if there are enough, with NCCL; else the CPU, with Gloo.
    if torch.cuda.device_count() >= local_world_size:
        device = torch.device("cuda", local_rank)
        torch.cuda.set_device(device)
        backend = "nccl"
    else:
        device = torch.device("cpu")
        backend = "gloo"
    if "RANK" in os.environ:  # started by torchrun: it has set MASTER_ADDR and MASTER_PORT
        dist.init_process_group(backend)
    else:  # plain `python ddp_train.py`: a group of one, no network needed
        dist.init_process_group(backend, store=dist.HashStore(), rank=0, world_size=1)
    world_size = dist.get_world_size()

    # The same data on every process (same seed); the sampler gives each one its own share.
    torch.manual_seed(0)
    x = torch.randn(256, 1)
    y = 2 * x + 3 + 0.1 * torch.randn(256, 1)
    dataset = TensorDataset(x, y)
    sampler = DistributedSampler(dataset, shuffle=True, seed=0)  # reads rank and world size
    loader = DataLoader(dataset, batch_size=32, sampler=sampler)

    torch.manual_seed(rank)  # different starting weights on purpose...
    model = nn.Linear(1, 1).to(device)
    # ...DDP copies rank 0's weights to every process when it wraps the model.
    device_ids = [local_rank] if backend == "nccl" else None  # None: a CPU model
    ddp_model = DistributedDataParallel(model, device_ids=device_ids)
    optimizer = torch.optim.SGD(ddp_model.parameters(), lr=0.1)
    criterion = nn.MSELoss()

    if rank == 0:
        print(f"backend {backend}, world size {world_size}, {len(loader)} batches per epoch each")
    for epoch in range(5):
        sampler.set_epoch(epoch)  # a new shuffle each epoch, the same on every process
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = criterion(ddp_model(xb), yb)
            optimizer.zero_grad()
            loss.backward()  # DDP averages the gradients of all processes during backward
            optimizer.step()  # so every process makes the same update
        # The loss of the last batch, averaged over all processes (a collective: all must call it).
        mean_loss = loss.detach().clone()
        dist.all_reduce(mean_loss, op=dist.ReduceOp.AVG)
        if rank == 0:
            print(f"epoch {epoch + 1}  loss {mean_loss.item():.4f}")

    if rank == 0:  # the wrapper keeps the model as .module; its own keys get a "module." prefix
        print("ddp_model keys:       ", list(ddp_model.state_dict()))
        print("ddp_model.module keys:", list(ddp_model.module.state_dict()))

    # Check: collect every process's exact parameter values, compare them on rank 0.
    mine = [p.item() for p in model.parameters()]  # [weight, bias]
    everyone = [None] * world_size
    dist.all_gather_object(everyone, mine)
    if rank == 0:
        for other_rank, (weight, bias) in enumerate(everyone):
            print(f"rank {other_rank}: weight {weight:.4f}  bias {bias:.4f}")
        print("identical on all ranks:", all(params == everyone[0] for params in everyone))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
