/*
 * syndetect._scan: the tokenizer of syndetect.text in one pass of C.
 *
 * Optional accelerator. text.py holds the reference implementation (numpy) and
 * builds the tables this module reads, so both produce identical tokens, keys and
 * display bounds; tests/test_scan.py checks that on arbitrary text. When this
 * module is not compiled, text.py runs its own code.
 *
 * tokenize(text, classes, folds, fold, astral_class)
 *   text          str
 *   classes       buffer of 65536 bytes: class bits of every BMP code point
 *   folds         buffer of 65536 uint32: the key character of every BMP code
 *                 point, 0 to drop it, 0xFFFFFFFF when only the full fold will do
 *   fold          callable(str) -> str, the full fold of one token
 *   astral_class  callable(int) -> int, class bits beyond the BMP
 * returns (starts, ends, keys, show_starts, show_ends, quotes), lists.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

enum {
    C_WORD = 1, C_MARK = 2, C_NOSPACE = 4, C_DIGIT = 8,
    C_NUMSEP = 16, C_SPACE = 32, C_QUOTE = 64
};
/* flags per character, besides its class */
enum { F_WORD = 1, F_SEP = 2 };

#define FOLD_FULL 0xFFFFFFFFu
#define TABLE_SIZE 0x10000

static int
append_int(PyObject *list, Py_ssize_t value)
{
    PyObject *v = PyLong_FromSsize_t(value);
    if (v == NULL)
        return -1;
    int rc = PyList_Append(list, v);
    Py_DECREF(v);
    return rc;
}

/* The key of text[s:e]: the table fold of each character, or the full fold. */
static PyObject *
token_key(PyObject *text, int kind, const void *data, const unsigned char *flags,
          const uint32_t *folds, PyObject *fold, Py_ssize_t s, Py_ssize_t e,
          Py_UCS4 *buf)
{
    Py_ssize_t k = 0;
    Py_UCS4 maxchar = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        if (flags[i] & F_SEP)
            continue;  /* "4,300" and "4300" match */
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        uint32_t m = cp < TABLE_SIZE ? folds[cp] : FOLD_FULL;
        if (m == FOLD_FULL) {
            /* The token's own text, less the separators inside its numbers. */
            Py_ssize_t len = 0;
            for (Py_ssize_t j = s; j < e; j++) {
                if (!(flags[j] & F_SEP))
                    buf[len++] = PyUnicode_READ(kind, data, j);
            }
            PyObject *piece = len == e - s
                ? PyUnicode_Substring(text, s, e)
                : PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, len);
            if (piece == NULL)
                return NULL;
            PyObject *key = PyObject_CallOneArg(fold, piece);
            Py_DECREF(piece);
            if (key != NULL && !PyUnicode_Check(key)) {
                PyErr_SetString(PyExc_TypeError, "fold must return str");
                Py_CLEAR(key);
            }
            return key;
        }
        if (m == 0)
            continue;
        buf[k++] = (Py_UCS4)m;
        if (m > maxchar)
            maxchar = (Py_UCS4)m;
    }
    if (maxchar < 0x80) {
        PyObject *key = PyUnicode_New(k, 0x7f);
        if (key == NULL)
            return NULL;
        Py_UCS1 *out = PyUnicode_1BYTE_DATA(key);
        for (Py_ssize_t i = 0; i < k; i++)
            out[i] = (Py_UCS1)buf[i];
        return key;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, k);
}

static PyObject *
scan_tokenize(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *classes_obj, *folds_obj, *fold, *astral_class;
    if (!PyArg_ParseTuple(args, "UOOOO:tokenize", &text, &classes_obj, &folds_obj,
                          &fold, &astral_class))
        return NULL;
    if (!PyCallable_Check(fold) || !PyCallable_Check(astral_class)) {
        PyErr_SetString(PyExc_TypeError, "fold and astral_class must be callable");
        return NULL;
    }
    Py_buffer cb, fb;
    if (PyObject_GetBuffer(classes_obj, &cb, PyBUF_SIMPLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(folds_obj, &fb, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&cb);
        return NULL;
    }
    PyObject *result = NULL;
    PyObject *starts = NULL, *ends = NULL, *keys = NULL, *sstarts = NULL, *sends = NULL;
    PyObject *quotes = NULL;
    unsigned char *cls = NULL, *flags = NULL, *ns = NULL;
    Py_UCS4 *buf = NULL;
    Py_ssize_t *bounds = NULL;

    if (cb.len != TABLE_SIZE || fb.len != TABLE_SIZE * 4) {
        PyErr_SetString(PyExc_ValueError,
                        "classes must hold 65536 bytes and folds 65536 uint32");
        goto done;
    }
    const unsigned char *table = (const unsigned char *)cb.buf;
    const uint32_t *folds = (const uint32_t *)fb.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);

    starts = PyList_New(0);
    ends = PyList_New(0);
    keys = PyList_New(0);
    sstarts = PyList_New(0);
    sends = PyList_New(0);
    quotes = PyList_New(0);
    if (!starts || !ends || !keys || !sstarts || !sends || !quotes)
        goto done;
    if (n == 0)
        goto pack;

    cls = PyMem_Malloc((size_t)n);
    flags = PyMem_Malloc((size_t)n);
    buf = PyMem_Malloc(sizeof(Py_UCS4) * (size_t)n);
    if (!cls || !flags || !buf) {
        PyErr_NoMemory();
        goto done;
    }

    /* Classes, word flags, quotation marks. */
    int any_nospace = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 cp = PyUnicode_READ(kind, data, i);
        unsigned char c;
        if (cp < TABLE_SIZE) {
            c = table[cp];
        } else {
            PyObject *v = PyObject_CallFunction(astral_class, "I", (unsigned int)cp);
            if (v == NULL)
                goto done;
            long bits = PyLong_AsLong(v);
            Py_DECREF(v);
            if (bits == -1 && PyErr_Occurred())
                goto done;
            c = (unsigned char)bits;
        }
        cls[i] = c;
        flags[i] = (c & C_WORD) ? F_WORD : 0;
        any_nospace |= c & C_NOSPACE;
        if ((c & C_QUOTE) && append_int(quotes, i) < 0)
            goto done;
    }
    /* A separator between two digits joins them: "4,300" is one token. */
    for (Py_ssize_t i = 1; i + 1 < n; i++) {
        if ((cls[i] & C_NUMSEP) && (cls[i - 1] & C_DIGIT) && (cls[i + 1] & C_DIGIT))
            flags[i] = F_WORD | F_SEP;
    }
    if (any_nospace) {
        /* ns[i]: the character, or the base before its combining marks, belongs to a
           script written without spaces: every base character starts a token. */
        ns = PyMem_Malloc((size_t)n);
        if (!ns) {
            PyErr_NoMemory();
            goto done;
        }
        Py_ssize_t base = 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            if (!(cls[i] & C_MARK))
                base = i;
            ns[i] = (cls[base] & C_NOSPACE) ? 1 : 0;
        }
    }

#define IS_WORD(i) (flags[i] & F_WORD)
#define STARTS(i) (IS_WORD(i) && ((i) == 0 || !IS_WORD((i) - 1) || \
    (ns && !(cls[i] & C_MARK) && (ns[i] || ns[(i) - 1]))))

    /* Token bounds first, so that every list is allocated once at its size. */
    bounds = PyMem_Malloc(sizeof(Py_ssize_t) * 2 * (size_t)(n + 1));
    if (!bounds) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < n;) {
        if (!IS_WORD(i)) {
            i++;
            continue;
        }
        bounds[2 * count] = i;
        i++;
        while (i < n && IS_WORD(i) && !STARTS(i))
            i++;
        bounds[2 * count + 1] = i;
        count++;
    }
    Py_SETREF(starts, PyList_New(count));
    Py_SETREF(ends, PyList_New(count));
    Py_SETREF(keys, PyList_New(count));
    Py_SETREF(sstarts, PyList_New(count));
    Py_SETREF(sends, PyList_New(count));
    if (!starts || !ends || !keys || !sstarts || !sends)
        goto done;
    Py_ssize_t kept = 0;
    for (Py_ssize_t t = 0; t < count; t++) {
        Py_ssize_t s = bounds[2 * t], e = bounds[2 * t + 1];
        PyObject *key = token_key(text, kind, data, flags, folds, fold, s, e, buf);
        if (key == NULL)
            goto done;
        if (PyUnicode_GET_LENGTH(key) == 0) {  /* a lone mark: no token */
            Py_DECREF(key);
            continue;
        }
        /* Display bounds: widened over the non-word characters up to whitespace on
           either side, unless another token stands in between. */
        Py_ssize_t j = s - 1, show_s = s, show_e = e;
        while (j >= 0 && !(cls[j] & C_SPACE) && !IS_WORD(j))
            j--;
        if (j < 0 || (cls[j] & C_SPACE))
            show_s = j + 1;
        j = e;
        while (j < n && !(cls[j] & C_SPACE) && !IS_WORD(j))
            j++;
        if (j >= n || (cls[j] & C_SPACE))
            show_e = j;
        PyObject *ps = PyLong_FromSsize_t(s), *pe = PyLong_FromSsize_t(e);
        PyObject *pss = show_s == s ? Py_XNewRef(ps) : PyLong_FromSsize_t(show_s);
        PyObject *pse = show_e == e ? Py_XNewRef(pe) : PyLong_FromSsize_t(show_e);
        PyList_SET_ITEM(keys, kept, key);
        /* On failure the lists, NULL slots and all, are freed at done. */
        PyList_SET_ITEM(starts, kept, ps);
        PyList_SET_ITEM(ends, kept, pe);
        PyList_SET_ITEM(sstarts, kept, pss);
        PyList_SET_ITEM(sends, kept, pse);
        if (!ps || !pe || !pss || !pse)
            goto done;
        kept++;
    }
    if (kept < count) {  /* tokens dropped: cut off the unused (NULL) slots */
        PyObject *lists[5] = {starts, ends, keys, sstarts, sends};
        for (int l = 0; l < 5; l++) {
            if (PyList_SetSlice(lists[l], kept, count, NULL) < 0)
                goto done;
        }
    }
#undef STARTS
#undef IS_WORD

pack:
    result = PyTuple_Pack(6, starts, ends, keys, sstarts, sends, quotes);
done:
    Py_XDECREF(starts);
    Py_XDECREF(ends);
    Py_XDECREF(keys);
    Py_XDECREF(sstarts);
    Py_XDECREF(sends);
    Py_XDECREF(quotes);
    PyMem_Free(cls);
    PyMem_Free(flags);
    PyMem_Free(ns);
    PyMem_Free(buf);
    PyMem_Free(bounds);
    PyBuffer_Release(&cb);
    PyBuffer_Release(&fb);
    return result;
}

static PyMethodDef scan_methods[] = {
    {"tokenize", scan_tokenize, METH_VARARGS,
     "tokenize(text, classes, folds, fold, astral_class) -> (starts, ends, keys, "
     "show_starts, show_ends, quotes)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef scan_module = {
    PyModuleDef_HEAD_INIT, "_scan",
    "The tokenizer of syndetect.text in C (optional accelerator).", -1, scan_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    return PyModule_Create(&scan_module);
}
