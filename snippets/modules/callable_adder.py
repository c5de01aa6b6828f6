class Adder:
    """__call__ takes arguments like any method: positional, default and keyword."""

    def __call__(self, a, b=0, *more, scale=1):
        return (a + b + sum(more)) * scale


add = Adder()
print(add(2, 3))
print(add(5))
print(add(1, 2, 3, 4))
print(add(1, 2, scale=10))
