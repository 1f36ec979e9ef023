/*
 * syndetect._scan: the tokenizer of syndetect.text in one pass of C, and the line
 * filter of syndetect.credits.
 *
 * Optional accelerator. text.py holds the reference implementation (numpy) and
 * builds the tables this module reads, so both produce identical tokens, keys and
 * display bounds; tests/test_scan.py checks that on arbitrary text. When this
 * module is not compiled, text.py runs its own code.
 *
 * tokenize(text, classes, folds, fold, astral_class, key_of)
 *   text          str
 *   classes       buffer of 65536 bytes: class bits of every BMP code point
 *   folds         writable buffer of 65536 uint32: the key character of every BMP
 *                 code point, 0 to drop it, 0xFFFFFFFF when only the full fold will
 *                 do, 0xFFFFFFFE while not known: then key_of(cp) is asked and its
 *                 answer stored there
 *   fold          callable(str) -> str, the full fold of one token
 *   astral_class  callable(int) -> int, class bits beyond the BMP
 *   key_of        callable(int) -> int, the folds entry of one code point
 * returns (starts, ends, keys, show_starts, show_ends, quotes), lists.
 *
 * layout(text, starts, classes)
 *   the lines, paragraphs and token ranges of text.py's _layout (its reference):
 *   returns (lines, line_tokens, paragraph_of_line, paragraphs, paragraph_of_token)
 *   where lines, line_tokens and paragraphs are lists of (start, end) tuples.
 *
 * credit_lines(text, lines, tail_words, head_words, byline_starts, source_starts)
 *   the positions in lines (a sequence of (start, end) of trimmed lines) of those
 *   that could hold a credit, and of any it cannot judge (not two ints, empty, out
 *   of the text): credits.py runs its regular expressions on those only.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

enum {
    C_WORD = 1, C_MARK = 2, C_NOSPACE = 4, C_DIGIT = 8,
    C_NUMSEP = 16, C_SPACE = 32, C_QUOTE = 64
};
/* flags per character, besides its class */
enum { F_WORD = 1, F_SEP = 2 };  /* F_SEP: a separator inside a number */

#define FOLD_FULL 0xFFFFFFFFu
#define FOLD_UNKNOWN 0xFFFFFFFEu
#define TABLE_SIZE 0x10000

/* The lists this module returns hold only ints, strs and tuples of ints, so they can
 * never be part of a reference cycle: they are taken off the cyclic garbage
 * collector's books. Otherwise, while a batch of analysed texts is kept (as the
 * index does), every collection walks their millions of items again: on a batch of
 * 1,200 SaudiNewsNet articles the collector took ~40 % of analyse's time. */
static void
untrack(PyObject *list)
{
    PyObject_GC_UnTrack(list);
}

#define IS_KEY_DIGIT(c) ((c) >= '0' && (c) <= '9')  /* a key's digits are ASCII */

/* Whether the separator key[i], between two digits of a key, is a decimal mark rather
 * than a digit-group separator: text._is_decimal, which documents the rule. */
static int
is_decimal(const Py_UCS4 *key, Py_ssize_t n, Py_ssize_t i)
{
    Py_UCS4 c = key[i];
    if (c == 0x066B)
        return 1;
    if (c != ',' && c != '.')
        return 0;
    Py_ssize_t j = i + 1;
    while (j < n && IS_KEY_DIGIT(key[j]))
        j++;
    Py_ssize_t count = j - i - 1;
    if (count == 3)
        return 0;
    return !(c == ',' && count == 2 && j + 1 < n && key[j] == ',' && IS_KEY_DIGIT(key[j + 1]));
}

/* The number separators left in a key (",", ".", the Arabic ones) as text._finish
 * treats them: a decimal mark between two digits becomes ".", any other goes. Decided
 * left to right on the key as written (a decided separator stops the digit count of
 * the one before it just as the separator did); returns the new length. */
static Py_ssize_t
finish_number(Py_UCS4 *key, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = key[i];
        if (c != ',' && c != '.' && c != 0x066B && c != 0x066C)
            continue;
        int mark = i > 0 && i + 1 < n && IS_KEY_DIGIT(key[i - 1]) && IS_KEY_DIGIT(key[i + 1])
                   && is_decimal(key, n, i);
        key[i] = mark ? '.' : 0xFFFFFFFFu;  /* (0xFFFFFFFF: no character, dropped below) */
    }
    Py_ssize_t out = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (key[i] != 0xFFFFFFFFu)
            key[out++] = key[i];
    }
    return out;
}

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
token_key(PyObject *text, const Py_UCS4 *u, const unsigned char *flags,
          uint32_t *folds, PyObject *fold, PyObject *key_of, Py_ssize_t s, Py_ssize_t e,
          Py_UCS4 *buf)
{
    Py_ssize_t k = 0;
    Py_UCS4 maxchar = 0;
    int separators = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        if (flags[i] & F_SEP) {
            /* Kept for finish_number, but for the no-break spaces, which the full
               fold turns into spaces and drops before it decides. */
            if (u[i] != 0xA0 && u[i] != 0x202F) {
                buf[k++] = u[i];
                separators = 1;
            }
            continue;
        }
        Py_UCS4 cp = u[i];
        uint32_t m = cp < TABLE_SIZE ? folds[cp] : FOLD_FULL;
        if (m == FOLD_UNKNOWN) {  /* first time this character is met */
            PyObject *v = PyObject_CallFunction(key_of, "I", (unsigned int)cp);
            if (v == NULL)
                return NULL;
            unsigned long value = PyLong_AsUnsignedLong(v);
            Py_DECREF(v);
            if (value == (unsigned long)-1 && PyErr_Occurred())
                return NULL;
            if (value > 0xFFFFFFFFul || value == FOLD_UNKNOWN) {
                PyErr_SetString(PyExc_ValueError, "key_of returned an invalid entry");
                return NULL;
            }
            m = folds[cp] = (uint32_t)value;
        }
        if (m == FOLD_FULL) {  /* fold of the token's own text */
            PyObject *piece = PyUnicode_Substring(text, s, e);
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
    if (separators) {  /* "4,300" and "4300" match, "1,5" and "1.5", not "15" */
        k = finish_number(buf, k);
        maxchar = 0;
        for (Py_ssize_t i = 0; i < k; i++) {
            if (buf[i] > maxchar)
                maxchar = buf[i];
        }
    }
    /* Written straight into a str of the narrowest kind. */
    PyObject *key = PyUnicode_New(k, maxchar);
    if (key == NULL)
        return NULL;
    if (maxchar < 0x100) {
        Py_UCS1 *out = PyUnicode_1BYTE_DATA(key);
        for (Py_ssize_t i = 0; i < k; i++)
            out[i] = (Py_UCS1)buf[i];
    } else if (maxchar < 0x10000) {
        Py_UCS2 *out = PyUnicode_2BYTE_DATA(key);
        for (Py_ssize_t i = 0; i < k; i++)
            out[i] = (Py_UCS2)buf[i];
    } else {
        Py_UCS4 *out = PyUnicode_4BYTE_DATA(key);
        for (Py_ssize_t i = 0; i < k; i++)
            out[i] = buf[i];
    }
    return key;
}

static PyObject *
scan_tokenize(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *classes_obj, *folds_obj, *fold, *astral_class, *key_of;
    if (!PyArg_ParseTuple(args, "UOOOOO:tokenize", &text, &classes_obj, &folds_obj,
                          &fold, &astral_class, &key_of))
        return NULL;
    if (!PyCallable_Check(fold) || !PyCallable_Check(astral_class)
        || !PyCallable_Check(key_of)) {
        PyErr_SetString(PyExc_TypeError, "fold, astral_class and key_of must be callable");
        return NULL;
    }
    Py_buffer cb, fb;
    if (PyObject_GetBuffer(classes_obj, &cb, PyBUF_SIMPLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(folds_obj, &fb, PyBUF_WRITABLE) < 0) {
        PyBuffer_Release(&cb);
        return NULL;
    }
    PyObject *result = NULL;
    PyObject *starts = NULL, *ends = NULL, *keys = NULL, *sstarts = NULL, *sends = NULL;
    PyObject *quotes = NULL;
    unsigned char *cls = NULL, *flags = NULL, *ns = NULL;
    Py_UCS4 *buf = NULL;
    Py_ssize_t *bounds = NULL;
    Py_UCS4 *u = NULL;

    if (cb.len != TABLE_SIZE || fb.len != TABLE_SIZE * 4) {
        PyErr_SetString(PyExc_ValueError,
                        "classes must hold 65536 bytes and folds 65536 uint32");
        goto done;
    }
    const unsigned char *table = (const unsigned char *)cb.buf;
    uint32_t *folds = (uint32_t *)fb.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);

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

    u = PyUnicode_AsUCS4Copy(text);  /* indexed directly below */
    if (u == NULL)
        goto done;
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
        Py_UCS4 cp = u[i];
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
        /* (not between digits of scripts without spaces: each is a token of its own) */
        if ((cls[i] & C_NUMSEP) && (cls[i - 1] & (C_DIGIT | C_NOSPACE)) == C_DIGIT
            && (cls[i + 1] & (C_DIGIT | C_NOSPACE)) == C_DIGIT)
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
        PyObject *key = token_key(text, u, flags, folds, fold, key_of, s, e, buf);
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
    untrack(starts);
    untrack(ends);
    untrack(keys);
    untrack(sstarts);
    untrack(sends);
    untrack(quotes);
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
    PyMem_Free(u);
    PyBuffer_Release(&cb);
    PyBuffer_Release(&fb);
    return result;
}

/* str.splitlines boundaries */
static inline int
is_break(Py_UCS4 c)
{
    if (c <= 0x1e)  /* \n \v \f \r, and the file/group/record separators */
        return (c >= 0x0a && c <= 0x0d) || c >= 0x1c;
    return c == 0x85 || c == 0x2028 || c == 0x2029;
}

static inline int
is_space(const unsigned char *table, Py_UCS4 c)
{
    return c < TABLE_SIZE && (table[c] & C_SPACE);
}

/* A blank line: "\n", then only these, then "\n" (text.py's _BLANK_LINE). */
static inline int
blank_filler(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xa0
        || c == 0x200b || c == 0x3000;
}

static int
append_pair(PyObject *list, Py_ssize_t a, Py_ssize_t b)
{
    PyObject *t = Py_BuildValue("(nn)", a, b);
    if (t == NULL)
        return -1;
    int rc = PyList_Append(list, t);
    Py_DECREF(t);
    return rc;
}

/* Advance *tok past the tokens (of starts, a list of ints) starting before bound;
   -1 on error. */
static int
skip_starts_below(PyObject *starts, Py_ssize_t ntok, Py_ssize_t *tok, Py_ssize_t bound)
{
    while (*tok < ntok) {
        Py_ssize_t st = PyLong_AsSsize_t(PyList_GET_ITEM(starts, *tok));
        if (st == -1 && PyErr_Occurred())
            return -1;
        if (st >= bound)
            break;
        (*tok)++;
    }
    return 0;
}

static PyObject *
scan_layout(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *starts_obj, *classes_obj;
    if (!PyArg_ParseTuple(args, "UO!O:layout", &text, &PyList_Type, &starts_obj,
                          &classes_obj))
        return NULL;
    Py_buffer cb;
    if (PyObject_GetBuffer(classes_obj, &cb, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *result = NULL, *lines = NULL, *line_tok = NULL, *par_of_line = NULL;
    PyObject *pars = NULL, *par_of_tok = NULL;
    Py_UCS4 *u = NULL;
    if (cb.len != TABLE_SIZE) {
        PyErr_SetString(PyExc_ValueError, "classes must hold 65536 bytes");
        goto done;
    }
    const unsigned char *table = (const unsigned char *)cb.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    Py_ssize_t ntok = PyList_GET_SIZE(starts_obj);

    /* One copy as UCS-4: the loops below index it directly. */
    u = PyUnicode_AsUCS4Copy(text);
    if (u == NULL)
        goto done;
    lines = PyList_New(0);
    line_tok = PyList_New(0);
    par_of_line = PyList_New(0);
    pars = PyList_New(0);
    par_of_tok = PyList_New(ntok);
    if (!lines || !line_tok || !par_of_line || !pars || !par_of_tok)
        goto done;

    int blank_separated = 0;
    for (Py_ssize_t i = 0; i < n && !blank_separated; i++) {
        if (u[i] != '\n')
            continue;
        Py_ssize_t j = i + 1;
        while (j < n && blank_filler(u[j]))
            j++;
        if (j < n && u[j] == '\n')
            blank_separated = 1;
    }

    /* the paragraph still open: only its end moves until the next one starts */
    Py_ssize_t tok = 0, npars = 0, prev_end = -1, par_s = 0, par_e = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t j = i;
        while (j < n && !is_break(u[j]))
            j++;
        Py_ssize_t a = i, b = j;
        while (a < b && is_space(table, u[a]))
            a++;
        while (b > a && is_space(table, u[b - 1]))
            b--;
        /* next line */
        if (j < n && u[j] == '\r' && j + 1 < n
            && u[j + 1] == '\n')
            i = j + 2;
        else
            i = j + 1;
        if (a >= b)
            continue;
        if (append_pair(lines, a, b) < 0)
            goto done;
        /* tokens starting inside the line */
        if (skip_starts_below(starts_obj, ntok, &tok, a) < 0)
            goto done;
        Py_ssize_t t0 = tok;
        if (skip_starts_below(starts_obj, ntok, &tok, b) < 0)
            goto done;
        Py_ssize_t t1 = tok;
        if (append_pair(line_tok, t0, t1) < 0)
            goto done;
        /* one paragraph per line, unless blank lines separate paragraphs and fewer
           than two line breaks stand between this line and the one before */
        int join = 0;
        if (npars && blank_separated) {
            Py_ssize_t breaks = 0;
            for (Py_ssize_t k = prev_end; k < a; k++) {
                Py_UCS4 c = u[k];
                if (c == '\n')
                    breaks++;
                else if (c == '\r' && !(k + 1 < a && u[k + 1] == '\n'))
                    breaks++;
            }
            join = breaks < 2;
        }
        if (join) {
            par_e = b;
        } else {
            if (npars && append_pair(pars, par_s, par_e) < 0)
                goto done;
            par_s = a;
            par_e = b;
            npars++;
        }
        prev_end = b;
        PyObject *p = PyLong_FromSsize_t(npars - 1);
        if (p == NULL)
            goto done;
        int rc = PyList_Append(par_of_line, p);
        for (Py_ssize_t k = t0; k < t1 && rc == 0; k++) {
            Py_INCREF(p);
            PyList_SET_ITEM(par_of_tok, k, p);
        }
        Py_DECREF(p);
        if (rc < 0)
            goto done;
    }
    for (Py_ssize_t k = 0; k < ntok; k++) {  /* tokens outside every line (none) */
        if (PyList_GET_ITEM(par_of_tok, k) == NULL) {
            PyObject *zero = PyLong_FromLong(0);
            if (zero == NULL)
                goto done;
            PyList_SET_ITEM(par_of_tok, k, zero);
        }
    }
    if (npars && append_pair(pars, par_s, par_e) < 0)
        goto done;
    untrack(lines);
    untrack(line_tok);
    untrack(par_of_line);
    untrack(pars);
    untrack(par_of_tok);
    result = PyTuple_Pack(5, lines, line_tok, par_of_line, pars, par_of_tok);
done:
    Py_XDECREF(lines);
    Py_XDECREF(line_tok);
    Py_XDECREF(par_of_line);
    Py_XDECREF(pars);
    Py_XDECREF(par_of_tok);
    PyMem_Free(u);
    PyBuffer_Release(&cb);
    return result;
}

/* ---------------------------------------------------------------------------
 * credit_lines: which lines could hold a credit (syndetect.credits).
 *
 * A line for which this says no is one where every test of credits._line_credits
 * fails before its regular expressions run; the others go through _line_credits.
 * tests/test_credits.py checks that detect_credits gives the same credits with and
 * without this filter.
 * ------------------------------------------------------------------------- */

static int
is_tail_strip(Py_UCS4 c)
{
    /* credits._TAIL_STRIP */
    return c == '.' || c == ')' || c == ']' || c == ':' || c == '-' || c == 0x2013 ||
           c == 0x2014 || c == ' ' || c == 0xA0;
}

static int
has_at(int kind, const void *data, Py_ssize_t n, Py_ssize_t i, const char *ascii)
{
    for (Py_ssize_t k = 0; ascii[k]; k++, i++) {
        if (i >= n || PyUnicode_READ(kind, data, i) != (Py_UCS4)(unsigned char)ascii[k])
            return 0;
    }
    return 1;
}

static int
find_ascii(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, const char *ascii)
{
    for (Py_ssize_t i = s; i < e; i++) {
        if (PyUnicode_READ(kind, data, i) == (Py_UCS4)(unsigned char)ascii[0] &&
            i + (Py_ssize_t)strlen(ascii) <= e && has_at(kind, data, e, i, ascii))
            return 1;
    }
    return 0;
}

/* text[b:j] lowercased, as str.lower() gives it: in C when every character is ASCII
   or already its own lowercase (no special casing applies to those), else by Python */
static PyObject *
lower_of(PyObject *text, int kind, const void *data, Py_ssize_t b, Py_ssize_t j)
{
    static PyObject *lower_name = NULL;
    char buf[96];
    int ascii = j - b <= (Py_ssize_t)sizeof(buf), same = 1;
    for (Py_ssize_t i = b; i < j; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z') {
                same = 0;
                c += 32;
            }
            if (ascii)
                buf[i - b] = (char)c;
        } else {
            ascii = 0;
            if (Py_UNICODE_TOLOWER(c) != c) {
                same = 0;
                break;
            }
        }
    }
    if (ascii)
        return PyUnicode_FromStringAndSize(buf, j - b);
    PyObject *word = PyUnicode_Substring(text, b, j);
    if (word == NULL || same)
        return word;
    if (lower_name == NULL && (lower_name = PyUnicode_InternFromString("lower")) == NULL) {
        Py_DECREF(word);
        return NULL;
    }
    PyObject *low = PyObject_CallMethodNoArgs(word, lower_name);
    Py_DECREF(word);
    return low;
}

static int
is_word_strip(Py_UCS4 c)
{
    /* what credits._may_lead strips from each word */
    return c == ')' || c == '.' || c == ']' || c == ':' || c == ',' || c == 0x2013 ||
           c == 0x2014;
}

static int
is_word_break(Py_UCS4 c)
{
    /* credits._WORD_BREAKS and whitespace: where credits._may_lead splits words */
    return Py_UNICODE_ISSPACE(c) || c == '(' || c == '[' || c == '/' || c == '-';
}

static int
is_arabic(Py_UCS4 c)
{
    return c >= 0x0600 && c <= 0x06FF;
}

/* credits._may_lead's second test: is one of the first nine words of text[s:h1]
   (brackets "(" and "[", slashes and hyphens count as spaces), lowercased and
   stripped, or its part before a dot, an agency's first word? -1 on error. */
static int
lead_word(PyObject *text, int kind, const void *data, Py_ssize_t s, Py_ssize_t h1,
          PyObject *heads)
{
    Py_ssize_t i = s;
    for (int words = 0; words < 9; words++) {
        while (i < h1 && is_word_break(PyUnicode_READ(kind, data, i)))
            i++;
        if (i >= h1)
            return 0;
        Py_ssize_t b = i;
        while (i < h1 && !is_word_break(PyUnicode_READ(kind, data, i)))
            i++;
        PyObject *low = lower_of(text, kind, data, b, i);
        if (low == NULL)
            return -1;
        Py_ssize_t n = PyUnicode_GET_LENGTH(low), a = 0, z = n;
        int lk = PyUnicode_KIND(low);
        const void *ld = PyUnicode_DATA(low);
        while (a < z && is_word_strip(PyUnicode_READ(lk, ld, a)))
            a++;
        while (z > a && is_word_strip(PyUnicode_READ(lk, ld, z - 1)))
            z--;
        PyObject *w = PyUnicode_Substring(low, a, z);
        Py_DECREF(low);
        if (w == NULL)
            return -1;
        int rc = PySet_Contains(heads, w);
        if (rc == 0) {
            Py_ssize_t dot = PyUnicode_FindChar(w, '.', 0, z - a, 1);
            if (dot == -2)
                rc = -1;
            else if (dot >= 0) {
                PyObject *before = PyUnicode_Substring(w, 0, dot);
                rc = before == NULL ? -1 : PySet_Contains(heads, before);
                Py_XDECREF(before);
            }
        }
        Py_DECREF(w);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int
contains_empty(PyObject *set)
{
    PyObject *empty = PyUnicode_New(0, 0);
    if (empty == NULL)
        return -1;
    int rc = PySet_Contains(set, empty);
    Py_DECREF(empty);
    return rc;
}

/* Does the line text[s:e] end with an agency's last word (lowercased), or "©"?
   -1 on error; sets *spa when that word is "واس". Follows credits._line_credits:
   the last word of the last 24 characters, lowercased, lstrip "([©" (done before
   lowering here: no lowercase letter is one of them), a 4-digit year after "©",
   else the word or its part after the last slash or hyphen ("AFP/Relaxnews",
   "France-Presse", "الرياض-واس"). */
static int
agency_last(PyObject *text, int kind, const void *data, Py_ssize_t s, Py_ssize_t e,
            PyObject *tail_words, int *spa)
{
    *spa = 0;
    Py_ssize_t w0 = e - 24 > s ? e - 24 : s, j = e;
    while (j > w0 && is_tail_strip(PyUnicode_READ(kind, data, j - 1)))
        j--;
    while (j > w0 && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, j - 1)))
        j--;
    if (j == w0)
        return contains_empty(tail_words); /* no word: last is "" */
    Py_ssize_t b = j;
    while (b > w0 && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, b - 1)))
        b--;
    while (b < j) {
        Py_UCS4 c = PyUnicode_READ(kind, data, b);
        if (c != '(' && c != '[' && c != 0xA9)
            break;
        b++;
    }
    PyObject *last = lower_of(text, kind, data, b, j);
    if (last == NULL)
        return -1;
    int lk = PyUnicode_KIND(last);
    const void *ld = PyUnicode_DATA(last);
    Py_ssize_t ln = PyUnicode_GET_LENGTH(last);
    int rc = 0;
    int digits = ln == 4;
    for (Py_ssize_t i = 0; digits && i < ln; i++)
        digits = Py_UNICODE_ISDIGIT(PyUnicode_READ(lk, ld, i));
    if (digits) {
        /* "© AFP 2024": the credit is "©" when one stands in the last 40 characters */
        Py_ssize_t c0 = e - 40 > s ? e - 40 : s;
        for (Py_ssize_t i = c0; i < e && !rc; i++)
            rc = PyUnicode_READ(kind, data, i) == 0xA9;
        Py_DECREF(last);
        return rc ? 1 : contains_empty(tail_words); /* "©", else "" */
    }
    if (ln == 1 && PyUnicode_READ(lk, ld, 0) == 0xA9) {
        Py_DECREF(last);
        return 1;
    }
    *spa = ln == 3 && PyUnicode_READ(lk, ld, 0) == 0x0648 && PyUnicode_READ(lk, ld, 1) == 0x0627 &&
           PyUnicode_READ(lk, ld, 2) == 0x0633;
    rc = PySet_Contains(tail_words, last);
    if (rc == 0) {
        Py_ssize_t cut = -1;
        for (Py_ssize_t i = ln - 1; i >= 0 && cut < 0; i--) {
            Py_UCS4 c = PyUnicode_READ(lk, ld, i);
            if (c == '/' || c == '-')
                cut = i;
        }
        if (cut >= 0) {
            PyObject *after = PyUnicode_Substring(last, cut + 1, ln);
            rc = after == NULL ? -1 : PySet_Contains(tail_words, after);
            Py_XDECREF(after);
        }
    }
    Py_DECREF(last);
    return rc;
}

static int
starts_any(PyObject *text, Py_UCS4 first, Py_ssize_t s, PyObject *prefixes)
{
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(prefixes); k++) {
        PyObject *p = PyTuple_GET_ITEM(prefixes, k);
        if (!PyUnicode_Check(p)) {
            PyErr_SetString(PyExc_TypeError, "prefixes must be str");
            return -1;
        }
        if (PyUnicode_GET_LENGTH(p) == 0 || PyUnicode_READ_CHAR(p, 0) != first)
            continue;
        Py_ssize_t r = PyUnicode_Tailmatch(text, p, s, PY_SSIZE_T_MAX, -1);
        if (r != 0)
            return (int)r;
    }
    return 0;
}

static PyObject *
scan_credit_lines(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *lines, *tail_words, *heads, *bylines, *sources;
    if (!PyArg_ParseTuple(args, "UOO!O!O!O!:credit_lines", &text, &lines, &PyFrozenSet_Type,
                          &tail_words, &PyFrozenSet_Type, &heads, &PyTuple_Type, &bylines,
                          &PyTuple_Type, &sources))
        return NULL;
    PyObject *seq = PySequence_Fast(lines, "lines must be a sequence of (start, end)");
    if (seq == NULL)
        return NULL;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        goto fail;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t li = 0; li < PySequence_Fast_GET_SIZE(seq); li++) {
        /* A line this filter cannot judge (not a tuple of two ints, empty, or out of
           the text) is kept: the Python code then treats it as it always has. */
        PyObject *pair = PySequence_Fast_GET_ITEM(seq, li);
        Py_ssize_t s = -1, e = -1;
        if (PyTuple_Check(pair) && PyTuple_GET_SIZE(pair) == 2 &&
            PyLong_CheckExact(PyTuple_GET_ITEM(pair, 0)) &&
            PyLong_CheckExact(PyTuple_GET_ITEM(pair, 1))) {
            s = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 0));
            e = PyLong_AsSsize_t(PyTuple_GET_ITEM(pair, 1));
            if (PyErr_Occurred()) {
                if (!PyErr_ExceptionMatches(PyExc_OverflowError))
                    goto fail;
                PyErr_Clear();
                s = e = -1;
            }
        }
        if (s < 0 || e > len || s >= e) {
            if (append_int(out, li) < 0)
                goto fail;
            continue;
        }
        Py_ssize_t n = e - s;
        int keep = 0, spa = 0;
        /* an opening credit: "(" / "[" / "/" / a letter first, then a bracket, colon
           or dash (a hyphen with a space or an Arabic letter beside it, or last) or a
           slash (first or after a space) in the first 90 characters, and an agency's
           first word among their first nine words (credits._may_lead) */
        Py_UCS4 first = PyUnicode_READ(kind, data, s);
        if (first == '(' || first == '[' || first == '/' || Py_UNICODE_ISALPHA(first)) {
            Py_ssize_t h1 = s + 90 < len ? s + 90 : len;
            for (Py_ssize_t i = s; i < h1 && !keep; i++) {
                Py_UCS4 c = PyUnicode_READ(kind, data, i);
                if (c == '(' || c == '[' || c == ':' || c == 0x2013 || c == 0x2014)
                    keep = 1;
                else if (c == '/')
                    keep = i == s || PyUnicode_READ(kind, data, i - 1) == ' ';
                else if (c == '-') {
                    Py_UCS4 before = i > s ? PyUnicode_READ(kind, data, i - 1) : 0;
                    Py_UCS4 after = i + 1 < h1 ? PyUnicode_READ(kind, data, i + 1) : 0;
                    keep = i == h1 - 1 || before == ' ' || after == ' ' || is_arabic(before) ||
                           is_arabic(after);
                }
            }
            if (keep && (keep = lead_word(text, kind, data, s, h1, heads)) < 0)
                goto fail;
        }
        /* "واس" in the first 130 characters (an SPA dateline) */
        Py_ssize_t w1 = s + 130 < len ? s + 130 : len;
        for (Py_ssize_t i = s; kind != PyUnicode_1BYTE_KIND && i + 2 < w1 && !keep; i++) {
            keep = PyUnicode_READ(kind, data, i) == 0x0648 &&
                   PyUnicode_READ(kind, data, i + 1) == 0x0627 &&
                   PyUnicode_READ(kind, data, i + 2) == 0x0633;
        }
        if (!keep && n <= 160)
            keep = find_ascii(kind, data, s, e, "contributed") ||
                   find_ascii(kind, data, s, e, "eporting ") ||
                   has_at(kind, data, len, s, "Information from");
        if (!keep && n <= 90 && (keep = starts_any(text, first, s, bylines)) < 0)
            goto fail;
        if (!keep && n <= 70 && (keep = starts_any(text, first, s, sources)) < 0)
            goto fail;
        if (!keep) {
            keep = agency_last(text, kind, data, s, e, tail_words, &spa);
            if (keep < 0)
                goto fail;
            keep = keep || (spa && n <= 160);
        }
        if (keep && append_int(out, li) < 0)
            goto fail;
    }
    Py_DECREF(seq);
    return out;
fail:
    Py_DECREF(seq);
    Py_XDECREF(out);
    return NULL;
}

static PyMethodDef scan_methods[] = {
    {"tokenize", scan_tokenize, METH_VARARGS,
     "tokenize(text, classes, folds, fold, astral_class, key_of) -> (starts, ends, keys, "
     "show_starts, show_ends, quotes)"},
    {"layout", scan_layout, METH_VARARGS,
     "layout(text, starts, classes) -> (lines, line_tokens, paragraph_of_line, "
     "paragraphs, paragraph_of_token)"},
    {"credit_lines", scan_credit_lines, METH_VARARGS,
     "credit_lines(text, lines, tail_words, head_words, byline_starts, source_starts) -> "
     "positions "
     "of the lines that could hold a credit"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef scan_module = {
    PyModuleDef_HEAD_INIT, "_scan",
    "The tokenizer of syndetect.text and the credit line filter in C (optional).", -1, scan_methods,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__scan(void)
{
    return PyModule_Create(&scan_module);
}
