def greet():
    return "hi"


class Plain:
    pass


class WithCall:
    def __call__(self):
        return "called"


print("function:          ", callable(greet))
print("class:             ", callable(Plain))  # calling a class creates an instance
print("Plain instance:    ", callable(Plain()))
print("WithCall instance: ", callable(WithCall()))
print("int 3:             ", callable(3))
