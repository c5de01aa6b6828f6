class Counter:
    """Counts how many times it has been called: a function with a memory."""

    def __init__(self):
        self.count = 0

    def __call__(self):
        self.count += 1
        return self.count


counter = Counter()
print(counter())
print(counter())
print(counter())
print("count kept on the object:", counter.count)
