# The classes of ferropy's native `_multibytecodec` module (see cjk/mod.rs). They keep the
# pending input and the codec state between calls; `_encode` and `_decode` (natives, in this
# module's namespace) do the codec work and return (output, input consumed, new state).


class _MultibyteCodec:
    """A CJK codec, as `_codecs_xx.getcodec(name)` returns it (not a module attribute in
    CPython either)."""

    __slots__ = ('_name',)

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create '_multibytecodec.MultibyteCodec' instances")

    @classmethod
    def _make(cls, name):
        self = object.__new__(cls)
        self._name = name
        return self

    def encode(self, input, errors=None):
        data, consumed, state = _encode(self._name, input, errors, True, 0)
        return data, consumed

    def decode(self, input, errors=None):
        text, consumed, state = _decode(self._name, input, errors, True, 0)
        return text, consumed


_MultibyteCodec.__name__ = _MultibyteCodec.__qualname__ = 'MultibyteCodec'


def _codec_name(obj):
    codec = type(obj).codec
    if not isinstance(codec, _MultibyteCodec):
        raise TypeError("codec is unexpected type")
    return codec._name


def _get_errors(self):
    return self._errors


def _set_errors(self, value):
    if not isinstance(value, str):
        raise TypeError("errors must be a string")
    self._errors = value


# `errors` can be read and set (to a str) but not deleted, as CPython's getset.
_errors_attr = property(_get_errors, _set_errors, None, "how to treat errors")


def _errors(errors, what):
    if errors is None:
        return 'strict'
    if not isinstance(errors, str):
        raise TypeError("%s() argument 1 must be str, not %s"
                        % (what, type(errors).__name__))
    return errors


class MultibyteIncrementalEncoder:
    errors = _errors_attr
    def __init__(self, errors='strict'):
        self._name = _codec_name(self)
        self.errors = _errors(errors, 'IncrementalEncoder')
        self._pending = ''
        self._state = 0

    def encode(self, input, final=False):
        text = self._pending + (input if isinstance(input, str) else str(input))
        data, consumed, self._state = _encode(self._name, text, self.errors,
                                              final, self._state)
        self._pending = text[consumed:]
        return data

    def reset(self):
        self._pending = ''
        self._state = 0

    # The state as CPython packs it: little-endian bytes of the pending text's UTF-8 length,
    # that UTF-8, then 8 bytes of codec state.
    def getstate(self):
        pending = self._pending.encode('utf-8', 'surrogatepass')
        data = bytes([len(pending)]) + pending + self._state.to_bytes(8, 'little')
        return int.from_bytes(data, 'little')

    def setstate(self, state):
        if not isinstance(state, int):
            raise TypeError("setstate() argument must be int, not %s"
                            % type(state).__name__)
        data = state.to_bytes(17, 'little')
        size = data[0]
        if size > 8:
            raise UnicodeError("pending buffer too large")
        pending = data[1:1 + size].decode('utf-8')
        self._pending = pending
        self._state = int.from_bytes(data[1 + size:9 + size], 'little')


class MultibyteIncrementalDecoder:
    errors = _errors_attr
    def __init__(self, errors='strict'):
        self._name = _codec_name(self)
        self.errors = _errors(errors, 'IncrementalDecoder')
        self._pending = b''
        self._state = 0

    def decode(self, input, final=False):
        data = self._pending + bytes(memoryview(input))
        text, consumed, self._state = _decode(self._name, data, self.errors,
                                              final, self._state)
        self._pending = data[consumed:]
        return text

    def reset(self):
        self._pending = b''
        self._state = 0

    def getstate(self):
        return (self._pending, self._state)

    def setstate(self, state):
        if not isinstance(state, tuple):
            raise TypeError("setstate() argument must be tuple, not %s"
                            % type(state).__name__)
        pending, st = state
        if not isinstance(pending, bytes):
            raise TypeError("setstate() argument 1 must be bytes, not %s"
                            % type(pending).__name__)
        if not isinstance(st, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(st).__name__)
        if len(pending) > 8:
            raise UnicodeError("pending buffer too large")
        self._pending = pending
        self._state = st


class MultibyteStreamReader:
    errors = _errors_attr
    def __init__(self, stream, errors='strict'):
        self._name = _codec_name(self)
        self.stream = stream
        self.errors = _errors(errors, 'StreamReader')
        self._pending = b''
        self._state = 0

    def _iread(self, method, sizehint):
        if sizehint is None:
            sizehint = -1
        if sizehint == 0:
            return ''
        parts = []
        while True:
            if sizehint < 0:
                data = getattr(self.stream, method)()
            else:
                data = getattr(self.stream, method)(sizehint)
            if not isinstance(data, bytes):
                raise TypeError("stream function returned a non-bytes object (%s)"
                                % type(data).__name__)
            eof = not data
            buf = self._pending + data
            text, consumed, self._state = _decode(self._name, buf, self.errors,
                                                  eof, self._state)
            self._pending = buf[consumed:]
            parts.append(text)
            if text or eof or sizehint < 0:
                break
            # Only part of a character arrived: read one more byte.
            sizehint = 1
        return ''.join(parts)

    def read(self, sizehint=-1):
        return self._iread('read', sizehint)

    def readline(self, sizehint=-1):
        return self._iread('readline', sizehint)

    def readlines(self, sizehint=-1):
        return self.read(sizehint).splitlines(keepends=True)

    def reset(self):
        self._pending = b''
        self._state = 0


class MultibyteStreamWriter:
    errors = _errors_attr
    def __init__(self, stream, errors='strict'):
        self._name = _codec_name(self)
        self.stream = stream
        self.errors = _errors(errors, 'StreamWriter')
        self._pending = ''
        self._state = 0

    def write(self, strobj):
        text = self._pending + (strobj if isinstance(strobj, str) else str(strobj))
        data, consumed, self._state = _encode(self._name, text, self.errors,
                                              False, self._state)
        self._pending = text[consumed:]
        self.stream.write(data)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def reset(self):
        data, consumed, self._state = _encode(self._name, self._pending, self.errors,
                                              True, self._state)
        self._pending = ''
        if data:
            self.stream.write(data)

