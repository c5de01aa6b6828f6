class MyCalculator:
    def __init__(self, factor):
        self.factor = factor  # set once, when the object is created

    def __call__(self, x):
        return x * self.factor  # used every time the object is called


double = MyCalculator(2)
triple = MyCalculator(3)
print(double(5), triple(5))

double.factor = 10  # the state can change between calls
print(double(5))
