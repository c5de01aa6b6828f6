class Plain:
    pass


obj = Plain()
try:
    obj()
except TypeError as error:
    print("TypeError:", error)
