# The page defined Plain in its first block; it is repeated here so that this file runs on its own.
class Plain:
    pass


# --8<-- [start:check]
def greet():
    return "hi"


class WithCall:
    def __call__(self):
        return "called"


print("function:          ", callable(greet))
print("class:             ", callable(Plain))  # calling a class creates an instance
print("Plain instance:    ", callable(Plain()))
print("WithCall instance: ", callable(WithCall()))
print("int 3:             ", callable(3))
# --8<-- [end:check]
