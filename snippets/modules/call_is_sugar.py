# The page defined these two classes in earlier blocks; they are repeated here so that this file
# runs on its own, and the page embeds only the "sugar" section below.
class MyCalculator:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, x):
        return x * self.factor


class Plain:
    pass


# --8<-- [start:sugar]
calc = MyCalculator(2)

# Three spellings of the same call. Python looks __call__ up on the *class*:
print(calc(5))
print(calc.__call__(5))
print(type(calc).__call__(calc, 5))

# So an instance attribute named __call__ does not make an object callable.
obj = Plain()
obj.__call__ = lambda: "instance attribute"
print("obj.__call__() works:", obj.__call__())
print("callable(obj):", callable(obj))
try:
    obj()
except TypeError as error:
    print("obj() fails:", error)
# --8<-- [end:sugar]
