R"PY(#"
# The Python side of the serialization tests. This file is both a Python
# program and, through its first and last lines, a C++ string literal that
# python_peer.cpp includes, so the harness carries it and needs no file at
# run time.
#
#   python3 pickle_peer.py golden > golden_vectors.inc
#       writes the golden vectors: Python's own pickle.dumps(value, protocol=4)
#       of the corpus below, and CPython's hand-written test pickles, each with
#       the value they decode to. Run once; the output is committed.
#   python3 -I -S -c "$(cat pickle_peer.py)" serve
#       (what the harness does) answers requests on fd 3, one line each:
#         dumps VALUE | dumps_unframed VALUE | loads HEX | repr VALUE | hello
#       -> ok WORD | error KIND MESSAGE
#
# Values are written in the notation of exercises/serialization/notation.hpp;
# print_value() must write exactly what the C++ repr() writes.
import datetime
import io
import pickle
import pickletools
import socket
import sys

sys.setrecursionlimit(30000)

CLASSES = ["Point", "Task", "Job", "Worker", "Node", "Empty"]
for _name in CLASSES:
    globals()[_name] = type(sys.intern(_name), (), {"__module__": __name__})

KINDS = ["function", "file", "socket", "thread", "generator"]


class NotationError(Exception):
    pass


# ---- printing ------------------------------------------------------------


def escape(code):
    if code in (0x5C, 0x27):
        return "\\" + chr(code)
    if code == 9:
        return "\\t"
    if code == 10:
        return "\\n"
    if code == 13:
        return "\\r"
    if 0x20 < code < 0x7F:
        return chr(code)
    if code < 0x100:
        return "\\x%02x" % code
    if code < 0x10000:
        return "\\u%04x" % code
    return "\\U%08x" % code


def is_instance(value):
    return type(value).__name__ in CLASSES and type(value).__module__ == __name__


def has_identity(value):
    if isinstance(value, tuple):
        return len(value) > 0
    return isinstance(value, (list, dict, set)) or is_instance(value)


class Printer:
    def __init__(self, labels=True):
        self.labels = labels
        self.seen = {}
        self.given = {}
        self.next = 1

    def children(self, value):
        if isinstance(value, (list, tuple)):
            return list(value)
        if isinstance(value, dict):
            return [x for pair in value.items() for x in pair]
        if isinstance(value, set):
            return sorted(value, key=lambda item: Printer(False).text(item))
        if is_instance(value):
            return list(vars(value).values())
        return []

    def count(self, value):
        if not has_identity(value):
            return
        self.seen[id(value)] = self.seen.get(id(value), 0) + 1
        if self.seen[id(value)] > 1:
            return
        for child in self.children(value):
            self.count(child)

    def text(self, value):
        if self.labels:
            self.count(value)
        out = []
        self.write(value, out)
        return "".join(out)

    def write(self, value, out):
        if self.labels and has_identity(value) and self.seen[id(value)] > 1:
            if id(value) in self.given:
                out.append("*%d" % self.given[id(value)])
                return
            self.given[id(value)] = self.next
            out.append("&%d=" % self.next)
            self.next += 1
        self.write_contents(value, out)

    def write_items(self, items, out):
        for i, item in enumerate(items):
            if i:
                out.append(",")
            self.write(item, out)

    def write_contents(self, value, out):
        if value is None:
            out.append("None")
        elif value is True or value is False:
            out.append(str(value))
        elif type(value) is int:
            if not -(2**63) <= value < 2**63:
                raise NotationError("integer out of the 64-bit range")
            out.append(str(value))
        elif type(value) is float:
            out.append(repr(value))
        elif type(value) is str:
            out.append("'" + "".join(escape(ord(c)) for c in value) + "'")
        elif type(value) is bytes:
            out.append("b'" + "".join(escape(b) for b in value) + "'")
        elif type(value) is datetime.datetime:
            if value.tzinfo is not None or value.fold:
                raise NotationError("only naive datetimes (fold 0) are supported")
            out.append("datetime(%d,%d,%d,%d,%d,%d,%d)" % (
                value.year, value.month, value.day, value.hour, value.minute,
                value.second, value.microsecond))
        elif type(value) is list:
            out.append("[")
            self.write_items(value, out)
            out.append("]")
        elif type(value) is tuple:
            out.append("(")
            self.write_items(value, out)
            out.append(",)" if len(value) == 1 else ")")
        elif type(value) is dict:
            out.append("{")
            for i, (key, item) in enumerate(value.items()):
                if i:
                    out.append(",")
                self.write(key, out)
                out.append(":")
                self.write(item, out)
            out.append("}")
        elif type(value) is set:
            if not value:
                out.append("set()")
                return
            out.append("{")
            self.write_items(self.children(value), out)
            out.append("}")
        elif is_instance(value):
            out.append(type(value).__name__ + "(")
            for i, (name, item) in enumerate(vars(value).items()):
                out.append(("," if i else "") + name + "=")
                self.write(item, out)
            out.append(")")
        else:
            raise NotationError("unsupported type " + type(value).__name__)


def print_value(value):
    return Printer().text(value)


# ---- parsing -------------------------------------------------------------


class Pending:
    """A tuple still being read, referred to from inside itself."""

    def __init__(self, label):
        self.label = label


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0
        self.labels = {}
        self.fixups = {}  # label of a pending tuple -> [(container, slot)]

    def fail(self, why):
        raise NotationError("bad value at %d: %s" % (self.pos + 1, why))

    def peek(self):
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def accept(self, c):
        if self.peek() == c:
            self.pos += 1
            return True
        return False

    def expect(self, c):
        if not self.accept(c):
            self.fail("expected " + c)

    def word(self):
        self.peek()
        start = self.pos
        while self.pos < len(self.text) and (self.text[self.pos].isalnum() or self.text[self.pos] == "_"):
            self.pos += 1
        return self.text[start:self.pos]

    def number_text(self):
        self.peek()
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] in "0123456789+-.eE":
            self.pos += 1
        return self.text[start:self.pos]

    def parse(self):
        value = self.value()
        if self.peek():
            self.fail("unexpected text after the value")
        return value

    def place(self, container, slot, value):
        """container[slot] = value, remembering where a pending tuple went."""
        if isinstance(value, Pending):
            self.fixups.setdefault(value.label, []).append((container, slot))
        if isinstance(container, list):
            container.append(value)
        elif isinstance(container, dict):
            container[slot] = value
        else:
            setattr(container, slot, value)

    def value(self, mutable_slot=False):
        c = self.peek()
        if c == "&":
            self.pos += 1
            label = int(self.number_text())
            self.expect("=")
            return self.container(label)
        if c == "*":
            self.pos += 1
            label = int(self.number_text())
            if label not in self.labels:
                self.fail("unknown label")
            found = self.labels[label]
            if isinstance(found, Pending) and not mutable_slot:
                self.fail("a tuple can only contain itself through a list, dict or object")
            return found
        if c in "[({":
            return self.container(None)
        if c in "'\"":
            return self.string()
        if c == "b" and self.text[self.pos + 1:self.pos + 2] in ("'", '"'):
            self.pos += 1
            return self.bytes_literal()
        if c == "<":
            self.fail("unserializable values cannot be built in Python here")
        if c == "-" and self.text.startswith("-inf", self.pos):
            self.pos += 4
            return float("-inf")
        if c.isdigit() or c in "+-.":
            token = self.number_text()
            if any(ch in token for ch in ".eE"):
                return float(token)
            return int(token)
        name = self.word()
        if name in ("None", "True", "False"):
            return {"None": None, "True": True, "False": False}[name]
        if name in ("nan", "inf"):
            return float(name)
        if name == "datetime":
            self.expect("(")
            parts = [int(self.number_text())]
            while self.accept(","):
                parts.append(int(self.number_text()))
            self.expect(")")
            return datetime.datetime(*parts)
        if name in ("set",) or name in CLASSES:
            self.pos -= len(name)
            return self.container(None)
        self.fail("unknown name " + repr(name))

    def remember(self, label, value):
        if label is not None:
            self.labels[label] = value
        return value

    def container(self, label):
        c = self.peek()
        if c == "[":
            result = self.remember(label, [])
            self.pos += 1
            if not self.accept("]"):
                while True:
                    self.place(result, None, self.value(True))
                    if not self.accept(","):
                        break
                self.expect("]")
            return result
        if c == "(":
            return self.tuple(label)
        if c == "{":
            return self.brace(label)
        name = self.word()
        if name == "set":
            self.expect("(")
            self.expect(")")
            return self.remember(label, set())
        if name in CLASSES:
            cls = globals()[name]
            result = self.remember(label, cls.__new__(cls))
            self.expect("(")
            while not self.accept(")"):
                if vars(result):
                    self.expect(",")
                field = self.word()
                self.expect("=")
                self.place(result, field, self.value(True))
            return result
        self.fail("a label must name a container")

    def tuple(self, label):
        self.pos += 1
        pending = Pending(label)
        if label is not None:
            self.labels[label] = pending
        items = []
        if not self.accept(")"):
            while True:
                items.append(self.value(False))
                if not self.accept(","):
                    break
                if self.peek() == ")":
                    break
            self.expect(")")
        result = tuple(items)
        if label is not None:
            self.labels[label] = result
            for container, slot in self.fixups.pop(label, []):
                if isinstance(container, list):
                    container[[i for i, x in enumerate(container) if x is pending][0]] = result
                elif isinstance(container, dict):
                    container[slot] = result
                else:
                    setattr(container, slot, result)
        return result

    def brace(self, label):
        self.pos += 1
        if self.accept("}"):
            return self.remember(label, {})
        first = self.value(False)
        if self.accept(":"):
            result = self.remember(label, {})
            self.place(result, first, self.value(True))
            while self.accept(","):
                key = self.value(False)
                self.expect(":")
                self.place(result, key, self.value(True))
            self.expect("}")
            return result
        result = self.remember(label, {first})
        while self.accept(","):
            result.add(self.value(False))
        self.expect("}")
        return result

    def escape_code(self, quote):
        c = self.text[self.pos]
        self.pos += 1
        if c != "\\":
            return None if c == quote else ord(c)
        e = self.text[self.pos]
        self.pos += 1
        simple = {"t": 9, "n": 10, "r": 13, "\\": 0x5C, "'": 0x27, '"': 0x22}
        if e in simple:
            return simple[e]
        width = {"x": 2, "u": 4, "U": 8}[e]
        code = int(self.text[self.pos:self.pos + width], 16)
        self.pos += width
        return code

    def string(self):
        quote = self.text[self.pos]
        self.pos += 1
        out = []
        while True:
            code = self.escape_code(quote)
            if code is None:
                return "".join(out)
            out.append(chr(code))

    def bytes_literal(self):
        quote = self.text[self.pos]
        self.pos += 1
        out = bytearray()
        while True:
            code = self.escape_code(quote)
            if code is None:
                return bytes(out)
            out.append(code)


def parse_value(text):
    return Parser(text).parse()


# ---- pickles -------------------------------------------------------------


class RestrictedUnpickler(pickle.Unpickler):
    """Reads only the classes of the course: student bytes never run code."""

    def find_class(self, module, name):
        if (module, name) == ("datetime", "datetime"):
            return datetime.datetime
        if module == "__main__" and name in CLASSES:
            return globals()[name]
        raise pickle.UnpicklingError("class %s.%s is not allowed" % (module, name))


def restricted_loads(data):
    return RestrictedUnpickler(io.BytesIO(data)).load()


def without_frames(data):
    out = bytearray()
    ops = list(pickletools.genops(data))
    for i, (opcode, _, pos) in enumerate(ops):
        end = ops[i + 1][2] if i + 1 < len(ops) else len(data)
        if opcode.name != "FRAME":
            out += data[pos:end]
    return bytes(out)


def answer(line):
    command, _, argument = line.partition(" ")
    if command == "hello":
        return "ok " + sys.version.split()[0]
    if command == "dumps":
        return "ok " + pickle.dumps(parse_value(argument), protocol=4).hex()
    if command == "dumps_unframed":
        return "ok " + without_frames(pickle.dumps(parse_value(argument), protocol=4)).hex()
    if command == "loads":
        return "ok " + print_value(restricted_loads(bytes.fromhex(argument)))
    if command == "repr":
        return "ok " + print_value(parse_value(argument))
    return "error Usage unknown command " + command


def serve():
    channel = socket.socket(fileno=3)
    reader = channel.makefile("rb")
    for raw in reader:
        line = raw.decode().rstrip("\n")
        try:
            reply = answer(line)
        except Exception as e:  # every failure is an answer, never the peer's end
            reply = "error %s %s" % (type(e).__name__, str(e).replace("\n", " ") or "(no message)")
        channel.sendall(reply.encode() + b"\n")


# ---- golden vectors ------------------------------------------------------

# (name, value): pickled by Python; "exact" vectors must come out of dumps()
# byte for byte (those with sets only decode equal: Python orders sets by hash).
CORPUS = [
    ("none", "None"), ("true", "True"), ("false", "False"),
    ("int_0", "0"), ("int_1", "1"), ("int_255", "255"), ("int_256", "256"),
    ("int_65535", "65535"), ("int_65536", "65536"), ("int_minus_1", "-1"),
    ("int_minus_256", "-256"), ("int_2p31_minus_1", "2147483647"),
    ("int_minus_2p31", "-2147483648"), ("int_2p31", "2147483648"),
    ("int_minus_2p31_minus_1", "-2147483649"), ("int_2p32", "4294967296"),
    ("int_2p40", "1099511627776"), ("int_minus_2p40", "-1099511627776"),
    ("int_2p63_minus_1", "9223372036854775807"), ("int_minus_2p63", "-9223372036854775808"),
    ("int_2p55", "36028797018963968"), ("int_minus_2p55_minus_1", "-36028797018963969"),
    ("float_0", "0.0"), ("float_minus_0", "-0.0"), ("float_1_5", "1.5"),
    ("float_minus_2_25", "-2.25"), ("float_0_1", "0.1"), ("float_1e300", "1e+300"),
    ("float_denormal", "5e-324"), ("float_inf", "inf"), ("float_minus_inf", "-inf"),
    ("float_nan", "nan"),
    ("str_empty", "''"), ("str_ascii", "'hello\\x20world'"), ("str_latin1", "'caf\\xe9'"),
    ("str_euro", "'\\u20ac99'"), ("str_emoji", "'\\U0001f600'"),
    ("str_controls", "'line\\nnext\\ttab\\x00'"), ("str_quotes", "'it\\'s\\x20\"q\"'"),
    ("str_255", "'" + "s" * 255 + "'"), ("str_256", "'" + "t" * 256 + "'"),
    ("bytes_empty", "b''"), ("bytes_zero", "b'\\x00'"),
    ("bytes_all", "b'" + "".join("\\x%02x" % i for i in range(256)) + "'"),
    ("bytes_255", "b'" + "u" * 255 + "'"), ("bytes_256", "b'" + "v" * 256 + "'"),
    ("list_empty", "[]"), ("list_1", "[7]"), ("list_2", "[7,8]"), ("list_5", "[1,2,3,4,5]"),
    ("tuple_0", "()"), ("tuple_1", "(7,)"), ("tuple_2", "(7,8)"), ("tuple_3", "(7,8,9)"),
    ("tuple_4", "(7,8,9,10)"), ("tuple_5", "(1,2,3,4,5)"),
    ("dict_empty", "{}"), ("dict_1", "{'key':1}"), ("dict_2", "{'ab':1,'cd':2}"),
    ("dict_mixed_keys", "{1:'one',(1,2):'pair',None:0,b'k':1.5,-7:True}"),
    ("set_empty", "set()"), ("set_1", "{42}"), ("set_3", "{1,2,3}"),
    ("set_strings", "{'red','green','blue'}"),
    ("nested", "[1,'ab',(2,3),{'k':b'x'}]"),
    ("nested_deep", "[[[[[[[[[[42]]]]]]]]]]"),
    ("mixed", "{'jobs':[{'id':1,'name':'build','args':(1,2.5,None),'ok':True}],"
              "'total':1,'blob':b'\\x00\\xff'}"),
    ("datetime", "datetime(2024,1,2,3,4,5,6)"),
    ("datetime_min", "datetime(1,1,1,0,0,0,0)"),
    ("datetime_max", "datetime(9999,12,31,23,59,59,999999)"),
    ("datetime_two", "[datetime(2024,1,2,3,4,5,6),datetime(2025,6,7,8,9,10,11)]"),
    ("object_point", "Point(x=1,y=2)"),
    ("object_two_points", "[Point(x=1,y=2),Point(x=3,y=4)]"),
    ("object_empty", "Empty()"),
    ("object_nested", "Task(name='build',deps=[],done=False,owner=Worker(name='w1',pid=12))"),
    ("object_linked", "Node(value=1,next=Node(value=2,next=None))"),
    ("object_one_field", "Job(id=7)"),
    ("object_with_set", "Job(id=1,tags={'io','cpu'})"),
    ("shared_list", "(&1=[],*1)"),
    ("shared_three", "[&1=[1],*1,*1]"),
    ("shared_dict", "{'a':&1={},'b':*1}"),
    ("shared_object", "[&1=Point(x=1,y=2),*1]"),
    ("shared_tuple", "[&1=(1,2),*1]"),
    ("recursive_list", "&1=[*1]"),
    ("recursive_list_middle", "&1=[1,*1,2]"),
    ("recursive_dict", "&1={'self':*1}"),
    ("recursive_object", "&1=Node(value=1,next=*1)"),
    ("recursive_multi", "&1=[{'task':Task(owner=*1)}]"),
    ("recursive_tuple", "&1=([*1],)"),
    ("recursive_tuple_4", "&1=([*1],2,3,4)"),
    ("recursive_tuple_in_list", "&1=[(*1,)]"),
    ("many_memo", "[" + ",".join("'s%d'" % i for i in range(300)) + ",&1=[],*1]"),
    # memo index 255 is the last BINGET, 256 the first LONG_BINGET: the outer list
    # is memo 0, each empty list one more
    ("memo_index_255", "[" + "[]," * 254 + "&1=[],*1]"),
    ("memo_index_256", "[" + "[]," * 255 + "&1=[],*1]"),
    ("many_puts_and_gets", "[&1={" + ",".join("'k%d':[%d]" % (i, i) for i in range(100)) +
                            "},*1,*1]"),
    ("list_1001", "[" + ",".join(str(i % 250) for i in range(1001)) + "]"),
    ("dict_1000", "{" + ",".join("%d:%d" % (i, i % 200) for i in range(1000)) + "}"),
]

# CPython's hand-written pickles (Lib/test/pickletester.py) and the value each means.
CPYTHON = [
    ("cpython_binget", b"(]q\xffh\xfft."),
    ("cpython_long_binget", b"(]r\x00\x00\x01\x00j\x00\x00\x01\x00t."),
    ("cpython_short_binbytes", b"\x80\x03C\x04\xe2\x82\xac\x00."),
    ("cpython_binbytes", b"\x80\x03B\x04\x00\x00\x00\xe2\x82\xac\x00."),
    ("cpython_short_binunicode", b"\x80\x04\x8c\x04\xe2\x82\xac\x00."),
    ("cpython_binbytes8", b"\x80\x04\x8e\x04\x00\x00\x00\x00\x00\x00\x00\xe2\x82\xac\x00."),
    ("cpython_binunicode8", b"\x80\x04\x8d\x04\x00\x00\x00\x00\x00\x00\x00\xe2\x82\xac\x00."),
    ("cpython_constants", b"(N\x88\x89t."),
    ("cpython_binput_get", b"K\x64\x85q\x00h\x00\x86."),
]


def has_set(value, seen):
    if id(value) in seen:
        return False
    seen.add(id(value))
    if isinstance(value, set):
        return True
    children = Printer(False).children(value) if has_identity(value) else []
    return any(has_set(child, seen) for child in children)


def c_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def golden_line(name, kind, value, data):
    return "IPCLAB_GOLDEN(%s, %s, %s, %s)" % (c_string(name), kind, c_string(value),
                                             c_string(data.hex()))


def golden():
    lines = ["// Generated by pickle_peer.py golden (Python %s): do not edit." %
             sys.version.split()[0],
             "// IPCLAB_GOLDEN(name, kind, value, hex): kind exact (dumps gives these bytes),",
             "// decoded (dumps decodes equal: sets), loads_only (not what dumps writes)."]
    for name, text in CORPUS:
        value = parse_value(text)
        data = pickle.dumps(value, protocol=4)
        shown = print_value(value)
        assert print_value(restricted_loads(data)) == shown, name
        kind = "decoded" if has_set(value, set()) else "exact"
        lines.append(golden_line(name, kind, shown, data))
        if b"\x95" in data[:3]:
            lines.append(golden_line(name + "_unframed", "loads_only", shown,
                                     without_frames(data)))
    for name, data in CPYTHON:
        lines.append(golden_line(name, "loads_only", print_value(pickle.loads(data)), data))
    print("\n".join(lines))


if __name__ == "__main__":
    serve() if sys.argv[1:] == ["serve"] else golden()
#)PY"
