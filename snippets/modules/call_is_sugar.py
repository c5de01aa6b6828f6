class MyCalculator:
    def __init__(self, factor):
        self.factor = factor

    def __call__(self, x):
        return x * self.factor


calc = MyCalculator(2)

# Three spellings of the same call. Python looks __call__ up on the *class*:
print(calc(5))
print(calc.__call__(5))
print(type(calc).__call__(calc, 5))


# So an instance attribute named __call__ does not make an object callable.
class Plain:
    pass


obj = Plain()
obj.__call__ = lambda: "instance attribute"
print("obj.__call__() works:", obj.__call__())
print("callable(obj):", callable(obj))
try:
    obj()
except TypeError as error:
    print("obj() fails:", error)
