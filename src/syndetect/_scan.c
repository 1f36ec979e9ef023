/*
 * syndetect._scan: the tokenizer of syndetect.text in one pass of C, and the line
 * filter of syndetect.credits.
 *
 * Optional accelerator. text.py holds the reference implementation (numpy) and
 * builds the tables this module reads, so both produce identical tokens, keys and
 * display bounds; tests/test_scan.py checks that on arbitrary text. When this
 * module is not compiled, text.py runs its own code.
 *
 * scan(text, classes, folds, fold, astral_class, key_of)
 *   text          str
 *   classes       buffer of 65536 bytes: class bits of every BMP code point
 *   folds         writable buffer of 65536 uint32: the key character of every BMP
 *                 code point, 0 to drop it, 0xFFFFFFFF when only the full fold will
 *                 do, 0xFFFFFFFE while not known: then key_of(cp) is asked and its
 *                 answer stored there
 *   fold          callable(str) -> str, the full fold of one token
 *   astral_class  callable(int) -> int, class bits beyond the BMP
 *   key_of        callable(int) -> int, the folds entry of one code point
 * returns the token table of text.py's TokenTable as a tuple of 13 bytes objects of
 * native int64 (uint32 where said): starts, ends, show_starts, show_ends, ids (uint32:
 * the number of each token's key, numbered in order of first occurrence),
 * vocab_chars (uint32: the code points of the distinct keys end to end), vocab_ends
 * (where each key ends in vocab_chars), quotes (positions of quotation marks), lines
 * and line_tokens ((start, end) pairs flattened), paragraph_of_line, paragraphs
 * (pairs) and paragraph_of_token: text._layout_py and the tokenizer of text.py
 * (numpy), its references.
 *
 * int_list(values)
 *   a buffer of int64 as a list of int, left out of the cyclic garbage collector.
 *
 * keys(vocab_chars, vocab_ends, ids[, t0, t1])
 *   the keys of tokens t0 <= t < t1 as a list of str, one str object per distinct key.
 *
 * lexicon(words), clutter_lines(text, ids, vocab_chars, vocab_ends, lines, line_tok,
 *                                   par_of_line, lexicon)
 *   the lines of a token table (see scan) that text._find_boilerplate must look at:
 *   those it would call repeated (decided exactly here) and those _classify_line
 *   could call clutter (a superset, from lexicon flags of their words and their
 *   characters), as (line, repeated, rank) tuples; lexicon(words) wraps a dict of
 *   key -> flags (text._lexicon_flags) in a capsule.
 *
 * joint_ids(ids_a, chars_a, ends_a, content_a, ids_b, chars_b, ends_b, content_b)
 *   the content tokens of two token tables as numbers of one joint vocabulary, in
 *   compare's canonical orientation (see the function).
 *
 * sentence_ends(text, starts, ends, content, marks)
 *   one byte per content position: does a sentence mark follow the token?
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

/* ---------------------------------------------------------------------------
 * Growable arrays and the key vocabulary of one text.
 * ------------------------------------------------------------------------- */

typedef struct {
    int64_t *v;
    Py_ssize_t n, cap;
} i64buf;

static int
i64_grow(i64buf *b)
{
    Py_ssize_t cap = b->cap ? 2 * b->cap : 64;
    int64_t *v = PyMem_Realloc(b->v, sizeof(int64_t) * (size_t)cap);
    if (v == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->v = v;
    b->cap = cap;
    return 0;
}

static inline int
i64_push(i64buf *b, int64_t x)
{
    if (b->n == b->cap && i64_grow(b) < 0)
        return -1;
    b->v[b->n++] = x;
    return 0;
}

/* The array as a bytes object of native int64 (memoryview(...).cast("q") reads it). */
static PyObject *
i64_bytes(const i64buf *b)
{
    return PyBytes_FromStringAndSize((const char *)b->v, (Py_ssize_t)sizeof(int64_t) * b->n);
}

/* Distinct keys in order of first occurrence: their code points end to end, where
 * each ends, and an open-addressing table from a key's hash to its number. */
typedef struct {
    uint32_t *chars;
    Py_ssize_t nchars, capchars;
    i64buf ends;
    uint64_t *hashes;  /* one per key (capacity: slots / 2) */
    uint64_t *slots;   /* the hash's top 32 bits, and key number + 1 below; 0: empty */
    size_t mask;
} vocab_t;

static inline uint64_t
key_hash(const uint32_t *k, Py_ssize_t n)
{
    /* two characters a step, mixed once at the end (keys are short) */
    uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull;
    Py_ssize_t i = 0;
    for (; i + 1 < n; i += 2)
        h = (h + ((uint64_t)k[i] << 32 | k[i + 1])) * 0xbf58476d1ce4e5b9ull;
    if (i < n)
        h = (h + k[i]) * 0xbf58476d1ce4e5b9ull;
    h ^= h >> 31;
    h *= 0x94d049bb133111ebull;
    return h ^ (h >> 29);
}

/* Room for at most `keys` distinct keys. */
static int
vocab_init(vocab_t *v, Py_ssize_t keys)
{
    memset(v, 0, sizeof(*v));
    size_t size = 16;
    while (size < 2 * (size_t)keys + 2)
        size <<= 1;
    v->slots = PyMem_Calloc(size, sizeof(uint64_t));
    v->hashes = PyMem_Malloc(sizeof(uint64_t) * (size / 2));
    if (v->slots == NULL || v->hashes == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    v->mask = size - 1;
    return 0;
}

static void
vocab_free(vocab_t *v)
{
    PyMem_Free(v->chars);
    PyMem_Free(v->ends.v);
    PyMem_Free(v->hashes);
    PyMem_Free(v->slots);
}

/* The number of key k[0:n] with hash h, or -1; *slot_out: where it is or would go. */
static inline int64_t
vocab_find(const vocab_t *v, const uint32_t *k, Py_ssize_t n, uint64_t h, size_t *slot_out)
{
    size_t i = (size_t)h & v->mask;
    uint64_t top = h & 0xFFFFFFFF00000000ull;
    for (;;) {
        uint64_t slot = v->slots[i];
        if (slot == 0)
            break;
        uint32_t id = (uint32_t)slot - 1;
        int64_t s = id ? v->ends.v[id - 1] : 0, e = v->ends.v[id];
        if ((slot & 0xFFFFFFFF00000000ull) == top && e - s == n) {
            const uint32_t *c = v->chars + s;
            Py_ssize_t j = 0;
            while (j < n && c[j] == k[j])
                j++;
            if (j == n) {
                *slot_out = i;
                return id;
            }
        }
        i = (i + 1) & v->mask;
    }
    *slot_out = i;
    return -1;
}

/* Twice as many slots, every key placed again. */
static int
vocab_grow(vocab_t *v)
{
    size_t size = 2 * (v->mask + 1);
    uint64_t *slots = PyMem_Calloc(size, sizeof(uint64_t));
    uint64_t *hashes = PyMem_Realloc(v->hashes, sizeof(uint64_t) * (size / 2));
    if (slots == NULL || hashes == NULL) {
        PyMem_Free(slots);
        if (hashes != NULL)
            v->hashes = hashes;
        PyErr_NoMemory();
        return -1;
    }
    v->hashes = hashes;
    PyMem_Free(v->slots);
    v->slots = slots;
    v->mask = size - 1;
    for (Py_ssize_t id = 0; id < v->ends.n; id++) {
        size_t i = (size_t)v->hashes[id] & v->mask;
        while (slots[i])
            i = (i + 1) & v->mask;
        slots[i] = (v->hashes[id] & 0xFFFFFFFF00000000ull) | ((uint64_t)id + 1);
    }
    return 0;
}

/* The number of key k[0:n] (a new one when it was not met before); -1 on error. */
static int64_t
vocab_intern(vocab_t *v, const uint32_t *k, Py_ssize_t n)
{
    uint64_t h = key_hash(k, n);
    size_t i;
    int64_t found = vocab_find(v, k, n, h, &i);
    if (found >= 0)
        return found;
    Py_ssize_t id = v->ends.n;
    if ((size_t)id >= (v->mask + 1) / 2) {  /* half full: twice the room */
        if (vocab_grow(v) < 0)
            return -1;
        vocab_find(v, k, n, h, &i);
    }
    if (v->nchars + n > v->capchars) {
        Py_ssize_t cap = v->capchars ? v->capchars : 256;
        while (cap < v->nchars + n)
            cap *= 2;
        uint32_t *c = PyMem_Realloc(v->chars, sizeof(uint32_t) * (size_t)cap);
        if (c == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        v->chars = c;
        v->capchars = cap;
    }
    memcpy(v->chars + v->nchars, k, sizeof(uint32_t) * (size_t)n);
    v->nchars += n;
    if (i64_push(&v->ends, v->nchars) < 0)
        return -1;
    v->hashes[id] = h;
    v->slots[i] = (h & 0xFFFFFFFF00000000ull) | ((uint64_t)id + 1);
    return id;
}

/* ---------------------------------------------------------------------------
 * scan: tokens, keys, display bounds, quotation marks, lines and paragraphs.
 * ------------------------------------------------------------------------- */

/* Ask key_of for the folds entry of a character met for the first time. */
static int
learn_fold(uint32_t *folds, PyObject *key_of, Py_UCS4 cp, uint32_t *out)
{
    PyObject *v = PyObject_CallFunction(key_of, "I", (unsigned int)cp);
    if (v == NULL)
        return -1;
    unsigned long value = PyLong_AsUnsignedLong(v);
    Py_DECREF(v);
    if (value == (unsigned long)-1 && PyErr_Occurred())
        return -1;
    if (value > 0xFFFFFFFFul || value == FOLD_UNKNOWN) {
        PyErr_SetString(PyExc_ValueError, "key_of returned an invalid entry");
        return -1;
    }
    *out = folds[cp] = (uint32_t)value;
    return 0;
}

/* str.splitlines boundaries */
static inline int
is_break(Py_UCS4 c)
{
    if (c <= 0x1e)  /* \n \v \f \r, and the file/group/record separators */
        return (c >= 0x0a && c <= 0x0d) || c >= 0x1c;
    return c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* A blank line: "\n", then only these, then "\n" (text.py's _BLANK_LINE). */
static inline int
blank_filler(Py_UCS4 c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xa0
        || c == 0x200b || c == 0x3000;
}

#define IS_DIGIT_CLASS(c) (((c) & (C_DIGIT | C_NOSPACE)) == C_DIGIT)

/* The tokens found so far: five arrays of one length. */
typedef struct {
    int64_t *starts, *ends, *sstarts, *sends;
    uint32_t *ids;
    Py_ssize_t n, cap;
} toks_t;

static int
toks_grow(toks_t *t)
{
    Py_ssize_t cap = t->cap ? 2 * t->cap : 256;
    int64_t **arrays[4] = {&t->starts, &t->ends, &t->sstarts, &t->sends};
    for (int a = 0; a < 4; a++) {
        int64_t *v = PyMem_Realloc(*arrays[a], sizeof(int64_t) * (size_t)cap);
        if (v == NULL)
            goto fail;
        *arrays[a] = v;
    }
    uint32_t *ids = PyMem_Realloc(t->ids, sizeof(uint32_t) * (size_t)cap);
    if (ids == NULL)
        goto fail;
    t->ids = ids;
    t->cap = cap;
    return 0;
fail:
    PyErr_NoMemory();
    return -1;
}

static void
toks_free(toks_t *t)
{
    PyMem_Free(t->starts);
    PyMem_Free(t->ends);
    PyMem_Free(t->sstarts);
    PyMem_Free(t->sends);
    PyMem_Free(t->ids);
}

typedef struct {
    PyObject *text;
    Py_ssize_t n;
    const unsigned char *table;
    uint32_t *folds;
    PyObject *fold, *astral_class, *key_of;
    unsigned char *cls;  /* class bits per character (texts with astral characters) */
    uint32_t *buf;       /* one key being built */
    i64buf quotes, breaks;
    toks_t toks;
    vocab_t vocab;
} scanner_t;

#define READ_AT(KIND, data, i) \
    ((KIND) == PyUnicode_1BYTE_KIND ? (Py_UCS4)((const Py_UCS1 *)(data))[i] : \
     (KIND) == PyUnicode_2BYTE_KIND ? (Py_UCS4)((const Py_UCS2 *)(data))[i] : \
     ((const Py_UCS4 *)(data))[i])

/* Class bits of character i: from the table (or, for 4-byte texts, from S->cls,
   filled in first: astral_class answers beyond the BMP). */
#define CLS(i) ((KIND) == PyUnicode_4BYTE_KIND ? S->cls[i] : table[READ_AT(KIND, data, i)])

/* Record a quotation mark or a line break at i (class c); -1 on error. */
#define NOTE_MARKS(c, cp, i) \
    ((((c) & C_QUOTE) && i64_push(&S->quotes, (i)) < 0) || \
     (((c) & C_SPACE) && is_break(cp) && i64_push(&S->breaks, (i)) < 0) ? -1 : 0)

/* A 4-byte text's classes (astral characters asked of astral_class), quotation
   marks and line breaks. */
static int
classify_wide(scanner_t *S, const Py_UCS4 *u)
{
    for (Py_ssize_t i = 0; i < S->n; i++) {
        Py_UCS4 cp = u[i];
        unsigned char c;
        if (cp < TABLE_SIZE) {
            c = S->table[cp];
        } else {
            PyObject *v = PyObject_CallFunction(S->astral_class, "I", (unsigned int)cp);
            if (v == NULL)
                return -1;
            long bits = PyLong_AsLong(v);
            Py_DECREF(v);
            if (bits == -1 && PyErr_Occurred())
                return -1;
            c = (unsigned char)bits;
        }
        S->cls[i] = c;
        if (!(c & C_WORD) && NOTE_MARKS(c, cp, i) < 0)
            return -1;
    }
    return 0;
}

/* Record one token text[s:e] with the key buf[0:k] (or, when full, the full fold of
   its text), its display bounds widened over the non-word characters up to
   whitespace on either side (unless another token stands in between); a token whose
   key is empty is dropped. */
static inline __attribute__((always_inline)) int
add_token(scanner_t *S, int KIND, const void *data, Py_ssize_t s, Py_ssize_t e,
          Py_ssize_t k, int full, int separators)
{
    const unsigned char *table = S->table;
    int64_t id;
    if (full) {
        PyObject *piece = PyUnicode_Substring(S->text, s, e);
        if (piece == NULL)
            return -1;
        PyObject *key = PyObject_CallOneArg(S->fold, piece);
        Py_DECREF(piece);
        if (key == NULL)
            return -1;
        if (!PyUnicode_Check(key)) {
            PyErr_SetString(PyExc_TypeError, "fold must return str");
            Py_DECREF(key);
            return -1;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        Py_UCS4 *keyc = len ? PyUnicode_AsUCS4Copy(key) : NULL;
        Py_DECREF(key);
        if (len == 0)
            return 0;
        if (keyc == NULL)
            return -1;
        id = vocab_intern(&S->vocab, (const uint32_t *)keyc, len);
        PyMem_Free(keyc);
    } else {
        if (separators)  /* "4,300" and "4300" match, "1,5" and "1.5", not "15" */
            k = finish_number((Py_UCS4 *)S->buf, k);
        if (k == 0)
            return 0;  /* a lone mark: no token */
        id = vocab_intern(&S->vocab, S->buf, k);
    }
    if (id < 0)
        return -1;
    Py_ssize_t n = S->n, show_s = s, show_e = e, j = s - 1;
    /* (the characters beside a token are not separators inside a number: those
       would have joined it) */
    while (j >= 0 && !(CLS(j) & (C_SPACE | C_WORD)))
        j--;
    if (j < 0 || (CLS(j) & C_SPACE))
        show_s = j + 1;
    j = e;
    while (j < n && !(CLS(j) & (C_SPACE | C_WORD)))
        j++;
    if (j >= n || (CLS(j) & C_SPACE))
        show_e = j;
    toks_t *t = &S->toks;
    if (t->n == t->cap && toks_grow(t) < 0)
        return -1;
    t->starts[t->n] = s;
    t->ends[t->n] = e;
    t->sstarts[t->n] = show_s;
    t->sends[t->n] = show_e;
    t->ids[t->n++] = (uint32_t)id;
    return 0;
}

/* Tokens and their keys, in one pass: a run of word characters (and separators
   between two digits) is a token, but in scripts written without spaces every base
   character starts one. Notes quotation marks and line breaks on the way. */
static inline __attribute__((always_inline)) int
find_tokens(scanner_t *S, int KIND, const void *data)
{
    const unsigned char *table = S->table;
    uint32_t *folds = S->folds, *buf = S->buf;
    Py_ssize_t n = S->n;
    /* the base character before this one is space-less (marks opening the text count
       as their own base, as in the reference) */
    int base_ns = n > 0 && (CLS(0) & C_NOSPACE);
    Py_ssize_t i = 0;
    while (i < n) {
        Py_UCS4 cp = READ_AT(KIND, data, i);
        unsigned char c = CLS(i);
        if (!(c & C_WORD)) {  /* (a separator never starts a token) */
            if (KIND != PyUnicode_4BYTE_KIND && NOTE_MARKS(c, cp, i) < 0)
                return -1;
            base_ns = 0;  /* (no character outside words is space-less) */
            i++;
            continue;
        }
        Py_ssize_t s = i, k = 0;
        int full = 0, separators = 0;
        for (;;) {
            /* character i (class c) belongs to the token */
            if ((c & (C_WORD | C_MARK | C_NOSPACE)) == C_WORD) {
                /* the common case first: a letter or digit with a key character of
                   its own (for as long as they last) */
                uint32_t m = (KIND != PyUnicode_4BYTE_KIND || cp < TABLE_SIZE)
                             ? folds[cp] : FOLD_FULL;
                while (m - 1 < FOLD_UNKNOWN - 1 && !full) {
                    buf[k++] = m;
                    if (++i >= n)
                        goto token_done;
                    cp = READ_AT(KIND, data, i);
                    c = CLS(i);
                    if ((c & (C_WORD | C_MARK | C_NOSPACE)) != C_WORD)
                        break;
                    m = (KIND != PyUnicode_4BYTE_KIND || cp < TABLE_SIZE) ? folds[cp] : FOLD_FULL;
                }
                base_ns = 0;
                if (!(c & C_WORD) || (c & (C_MARK | C_NOSPACE)) || (m - 1 < FOLD_UNKNOWN - 1 && !full))
                    goto next_char;  /* (character i is not a plain one: decided below) */
            }
            if (!(c & C_WORD)) {  /* a separator, kept for finish_number but for the
                                     no-break spaces (the full fold drops them) */
                if (cp != 0xA0 && cp != 0x202F) {
                    buf[k++] = cp;
                    separators = 1;
                }
                base_ns = 0;
            } else {
                if (!full) {
                    uint32_t m = (KIND != PyUnicode_4BYTE_KIND || cp < TABLE_SIZE)
                                 ? folds[cp] : FOLD_FULL;
                    if (m >= FOLD_UNKNOWN) {
                        if (m == FOLD_UNKNOWN && learn_fold(folds, S->key_of, cp, &m) < 0)
                            return -1;
                        if (m == FOLD_FULL)
                            full = 1;
                        else if (m != 0)
                            buf[k++] = m;
                    } else if (m != 0) {
                        buf[k++] = m;
                    }
                }
                if (!(c & C_MARK))
                    base_ns = (c & C_NOSPACE) != 0;
            }
            i++;
            if (i >= n)
                break;
            cp = READ_AT(KIND, data, i);
            c = CLS(i);
        next_char:
            if (c & C_WORD) {
                if (!(c & C_MARK) && ((c & C_NOSPACE) || base_ns))
                    break;  /* a space-less character starts a token of its own */
                continue;
            }
            /* a separator between two digits joins them: "4,300" is one token (not
               between digits of scripts without spaces: each is a token of its own) */
            if (!((c & C_NUMSEP) && i + 1 < n && IS_DIGIT_CLASS(CLS(i - 1))
                  && IS_DIGIT_CLASS(CLS(i + 1))))
                break;
        }
    token_done:
        if (add_token(S, KIND, data, s, i, k, full, separators) < 0)
            return -1;
    }
    return 0;
}

/* Lines, their token ranges, paragraphs (text._layout_py, the reference): each
 * output holds int64s, pairs flattened; par_of_tok has one entry per token. */
typedef struct {
    i64buf lines, line_tok, par_of_line, pars;
    int64_t *par_of_tok;
} layout_t;

static inline __attribute__((always_inline)) int
layout(const scanner_t *S, int KIND, const void *data, layout_t *out)
{
    const unsigned char *table = S->table;
    const int64_t *starts = S->toks.starts, *brk = S->breaks.v;
    Py_ssize_t n = S->n, ntok = S->toks.n, nbrk = S->breaks.n;
    int blank_separated = 0;
    for (Py_ssize_t b = 0; b < nbrk && !blank_separated; b++) {
        if (READ_AT(KIND, data, brk[b]) != '\n')
            continue;
        Py_ssize_t j = brk[b] + 1;
        while (j < n && blank_filler(READ_AT(KIND, data, j)))
            j++;
        if (j < n && READ_AT(KIND, data, j) == '\n')
            blank_separated = 1;
    }
    /* the paragraph still open: only its end moves until the next one starts */
    Py_ssize_t tok = 0, npars = 0, prev_end = -1, par_s = 0, par_e = 0, b = 0;
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t j = b < nbrk ? brk[b] : n;  /* the line is text[i:j] */
        Py_ssize_t a = i, e = j;
        while (a < e && (CLS(a) & C_SPACE))
            a++;
        while (e > a && (CLS(e - 1) & C_SPACE))
            e--;
        i = (j < n && READ_AT(KIND, data, j) == '\r' && j + 1 < n
             && READ_AT(KIND, data, j + 1) == '\n') ? j + 2 : j + 1;
        while (b < nbrk && brk[b] < i)
            b++;
        if (a >= e)
            continue;
        /* tokens starting inside the line */
        while (tok < ntok && starts[tok] < a)
            tok++;
        Py_ssize_t t0 = tok;
        while (tok < ntok && starts[tok] < e)
            tok++;
        Py_ssize_t t1 = tok;
        /* one paragraph per line, unless blank lines separate paragraphs and fewer
           than two line breaks stand between this line and the one before */
        int join = 0;
        if (npars && blank_separated) {
            Py_ssize_t breaks = 0;
            for (Py_ssize_t k = prev_end; k < a; k++) {
                Py_UCS4 c = READ_AT(KIND, data, k);
                if (c == '\n')
                    breaks++;
                else if (c == '\r' && !(k + 1 < a && READ_AT(KIND, data, k + 1) == '\n'))
                    breaks++;
            }
            join = breaks < 2;
        }
        if (join) {
            par_e = e;
        } else {
            if (npars && (i64_push(&out->pars, par_s) < 0 || i64_push(&out->pars, par_e) < 0))
                return -1;
            par_s = a;
            par_e = e;
            npars++;
        }
        prev_end = e;
        if (i64_push(&out->lines, a) < 0 || i64_push(&out->lines, e) < 0
            || i64_push(&out->line_tok, t0) < 0 || i64_push(&out->line_tok, t1) < 0
            || i64_push(&out->par_of_line, npars - 1) < 0)
            return -1;
        for (Py_ssize_t k = t0; k < t1; k++)
            out->par_of_tok[k] = npars - 1;
    }
    if (npars && (i64_push(&out->pars, par_s) < 0 || i64_push(&out->pars, par_e) < 0))
        return -1;
    return 0;
}

#undef CLS

static inline __attribute__((always_inline)) int
scan_kind(scanner_t *S, int KIND, const void *data, layout_t *lay)
{
    if (KIND == PyUnicode_4BYTE_KIND) {
        S->cls = PyMem_Malloc((size_t)S->n + 1);
        if (S->cls == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        if (classify_wide(S, data) < 0)
            return -1;
    }
    if (find_tokens(S, KIND, data) < 0)
        return -1;
    lay->par_of_tok = PyMem_Calloc((size_t)S->toks.n + 1, sizeof(int64_t));
    if (lay->par_of_tok == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    return layout(S, KIND, data, lay);
}

static PyObject *
i64_array_bytes(const int64_t *v, Py_ssize_t n)
{
    return PyBytes_FromStringAndSize((const char *)v, (Py_ssize_t)sizeof(int64_t) * n);
}

static PyObject *
scan_scan(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *classes_obj, *folds_obj, *fold, *astral_class, *key_of;
    if (!PyArg_ParseTuple(args, "UOOOOO:scan", &text, &classes_obj, &folds_obj,
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
    scanner_t S;
    memset(&S, 0, sizeof(S));
    layout_t lay;
    memset(&lay, 0, sizeof(lay));
    int vocab_ready = 0;
    if (cb.len != TABLE_SIZE || fb.len != TABLE_SIZE * 4) {
        PyErr_SetString(PyExc_ValueError,
                        "classes must hold 65536 bytes and folds 65536 uint32");
        goto done;
    }
    S.text = text;
    S.n = PyUnicode_GET_LENGTH(text);
    S.table = (const unsigned char *)cb.buf;
    S.folds = (uint32_t *)fb.buf;
    S.fold = fold;
    S.astral_class = astral_class;
    S.key_of = key_of;
    S.buf = PyMem_Malloc(sizeof(uint32_t) * ((size_t)S.n + 1));
    if (!S.buf) {
        PyErr_NoMemory();
        goto done;
    }
    if (vocab_init(&S.vocab, S.n / 8 + 16) < 0)
        goto done;
    vocab_ready = 1;
    int kind = PyUnicode_KIND(text), rc;
    const void *data = PyUnicode_DATA(text);
    if (kind == PyUnicode_1BYTE_KIND)
        rc = scan_kind(&S, PyUnicode_1BYTE_KIND, data, &lay);
    else if (kind == PyUnicode_2BYTE_KIND)
        rc = scan_kind(&S, PyUnicode_2BYTE_KIND, data, &lay);
    else
        rc = scan_kind(&S, PyUnicode_4BYTE_KIND, data, &lay);
    if (rc < 0)
        goto done;
    Py_ssize_t ntok = S.toks.n;
    result = Py_BuildValue(
        "(NNNNNNNNNNNNN)", i64_array_bytes(S.toks.starts, ntok),
        i64_array_bytes(S.toks.ends, ntok), i64_array_bytes(S.toks.sstarts, ntok),
        i64_array_bytes(S.toks.sends, ntok),
        PyBytes_FromStringAndSize((const char *)S.toks.ids, (Py_ssize_t)sizeof(uint32_t) * ntok),
        PyBytes_FromStringAndSize((const char *)S.vocab.chars,
                                  (Py_ssize_t)sizeof(uint32_t) * S.vocab.nchars),
        i64_bytes(&S.vocab.ends), i64_bytes(&S.quotes), i64_bytes(&lay.lines),
        i64_bytes(&lay.line_tok), i64_bytes(&lay.par_of_line), i64_bytes(&lay.pars),
        i64_array_bytes(lay.par_of_tok, ntok));
done:
    if (vocab_ready)
        vocab_free(&S.vocab);
    toks_free(&S.toks);
    PyMem_Free(S.quotes.v);
    PyMem_Free(S.breaks.v);
    PyMem_Free(S.cls);
    PyMem_Free(S.buf);
    PyMem_Free(lay.lines.v);
    PyMem_Free(lay.line_tok.v);
    PyMem_Free(lay.par_of_line.v);
    PyMem_Free(lay.pars.v);
    PyMem_Free(lay.par_of_tok);
    PyBuffer_Release(&cb);
    PyBuffer_Release(&fb);
    return result;
}

/* int_list(values): a buffer of int64 as a list of int, left out of the cyclic
 * garbage collector (see untrack). */
static PyObject *
scan_int_list(PyObject *self, PyObject *arg)
{
    (void)self;
    Py_buffer b;
    if (PyObject_GetBuffer(arg, &b, PyBUF_SIMPLE) < 0)
        return NULL;
    PyObject *out = NULL;
    if (b.len % 8) {
        PyErr_SetString(PyExc_ValueError, "int_list needs a buffer of int64");
        goto done;
    }
    const int64_t *v = b.buf;
    Py_ssize_t n = b.len / 8;
    out = PyList_New(n);
    if (out == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *x = PyLong_FromLongLong(v[i]);
        if (x == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, i, x);
    }
    untrack(out);
done:
    PyBuffer_Release(&b);
    return out;
}

/* keys(vocab_chars, vocab_ends, ids[, t0, t1]): the key of each token t0 <= t < t1
 * as a list of str, one str object per distinct key. */
static PyObject *
scan_keys(PyObject *self, PyObject *args)
{
    (void)self;
    Py_buffer cb, eb, ib;
    Py_ssize_t t0 = 0, t1 = PY_SSIZE_T_MAX;
    if (!PyArg_ParseTuple(args, "y*y*y*|nn:keys", &cb, &eb, &ib, &t0, &t1))
        return NULL;
    PyObject *out = NULL, **made = NULL;
    const uint32_t *chars = cb.buf, *ids = ib.buf;
    const int64_t *vends = eb.buf;
    Py_ssize_t nchars = cb.len / 4, nv = eb.len / 8, ntok = ib.len / 4;
    if (cb.len % 4 || eb.len % 8 || ib.len % 4) {
        PyErr_SetString(PyExc_ValueError, "keys needs uint32 chars, int64 ends, uint32 ids");
        goto done;
    }
    if (t1 > ntok)
        t1 = ntok;
    if (t0 < 0 || t0 > t1) {
        PyErr_SetString(PyExc_IndexError, "token range out of bounds");
        goto done;
    }
    made = PyMem_Calloc((size_t)nv + 1, sizeof(PyObject *));
    out = PyList_New(t1 - t0);
    if (made == NULL || out == NULL) {
        if (made == NULL)
            PyErr_NoMemory();
        Py_CLEAR(out);
        goto done;
    }
    for (Py_ssize_t t = t0; t < t1; t++) {
        uint32_t id = ids[t];
        if ((Py_ssize_t)id >= nv) {
            PyErr_SetString(PyExc_ValueError, "token id beyond the vocabulary");
            Py_CLEAR(out);
            goto done;
        }
        if (made[id] == NULL) {
            int64_t s = id ? vends[id - 1] : 0, e = vends[id];
            if (s < 0 || s > e || e > nchars) {
                PyErr_SetString(PyExc_ValueError, "vocabulary ends out of bounds");
                Py_CLEAR(out);
                goto done;
            }
            made[id] = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, chars + s,
                                                 (Py_ssize_t)(e - s));
            if (made[id] == NULL) {
                Py_CLEAR(out);
                goto done;
            }
        }
        Py_INCREF(made[id]);
        PyList_SET_ITEM(out, t - t0, made[id]);
    }
    untrack(out);
done:
    if (made != NULL) {
        for (Py_ssize_t i = 0; i < nv; i++)
            Py_XDECREF(made[i]);
        PyMem_Free(made);
    }
    PyBuffer_Release(&cb);
    PyBuffer_Release(&eb);
    PyBuffer_Release(&ib);
    return out;
}


/* ---------------------------------------------------------------------------
 * clutter_lines: which lines text._find_boilerplate must look at.
 * ------------------------------------------------------------------------- */

/* Lexicon flags (text._lexicon_flags gives them to the words of its lexicons). */
enum {
    LX_LIST_FIRST = 1,    /* "tags", "keywords": a list of tags follows */
    LX_PREFIX_FIRST = 2,  /* the first word of a clutter prefix ("read also") */
    LX_LINE_WORD = 4,     /* a word of some clutter line ("share this article") */
    LX_STRONG_DATE = 8,   /* a month, a weekday, an era */
    LX_NUMBER = 1 << 20   /* (not from the lexicon: the key is a number, "3.95") */
};

typedef struct {
    vocab_t v;
    int64_t *flags;
} lexicon_t;

static void
lexicon_destroy(PyObject *capsule)
{
    lexicon_t *lx = PyCapsule_GetPointer(capsule, "syndetect._scan.lexicon");
    if (lx == NULL)
        return;
    vocab_free(&lx->v);
    PyMem_Free(lx->flags);
    PyMem_Free(lx);
}

/* lexicon(words): the words (a dict of key -> flags) as a capsule for clutter_lines. */
static PyObject *
scan_lexicon(PyObject *self, PyObject *words)
{
    (void)self;
    if (!PyDict_Check(words)) {
        PyErr_SetString(PyExc_TypeError, "lexicon needs a dict of str -> int");
        return NULL;
    }
    lexicon_t *lx = PyMem_Calloc(1, sizeof(lexicon_t));
    if (lx == NULL)
        return PyErr_NoMemory();
    Py_ssize_t count = PyDict_GET_SIZE(words);
    if (vocab_init(&lx->v, count) < 0)
        goto fail;
    lx->flags = PyMem_Calloc((size_t)count + 1, sizeof(int64_t));
    if (lx->flags == NULL) {
        PyErr_NoMemory();
        goto fail;
    }
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(words, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || !PyLong_Check(value)) {
            PyErr_SetString(PyExc_TypeError, "lexicon needs a dict of str -> int");
            goto fail;
        }
        long flags = PyLong_AsLong(value);
        if (flags == -1 && PyErr_Occurred())
            goto fail;
        Py_ssize_t n = PyUnicode_GET_LENGTH(key);
        Py_UCS4 *k = PyUnicode_AsUCS4Copy(key);
        if (k == NULL)
            goto fail;
        int64_t id = vocab_intern(&lx->v, (const uint32_t *)k, n);
        PyMem_Free(k);
        if (id < 0)
            goto fail;
        lx->flags[id] |= flags;
    }
    PyObject *capsule = PyCapsule_New(lx, "syndetect._scan.lexicon", lexicon_destroy);
    if (capsule != NULL)
        return capsule;
fail:
    vocab_free(&lx->v);
    PyMem_Free(lx->flags);
    PyMem_Free(lx);
    return NULL;
}

/* text._is_number_key on a key's code points: digits, with at most one "." after the
   first. */
static int
is_number_key(const uint32_t *k, int64_t n)
{
    if (n == 0 || !Py_UNICODE_ISDIGIT(k[0]))
        return 0;
    int dots = 0;
    for (int64_t i = 1; i < n; i++) {
        if (k[i] == '.') {
            if (++dots > 1)
                return 0;
        } else if (!Py_UNICODE_ISDIGIT(k[i])) {
            return 0;
        }
    }
    return 1;
}

/* Could _classify_line find anything in the line's own characters: a menu ("|"
   twice), or, for lines of at most 15 words, "©" or a caption marker ("photo",
   "image", "getty", in any case; a character outside ASCII that lower-cases into it
   counts as a maybe)? */
static int
line_text_maybe(int kind, const void *data, Py_ssize_t s, Py_ssize_t e, Py_ssize_t words)
{
    static const char *marks[] = {"photo", "image", "getty"};
    int pipes = 0;
    for (Py_ssize_t i = s; i < e; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c == '|' && ++pipes >= 2)
            return 1;
        if (words > 15)
            continue;
        if (c == 0xA9)
            return 1;
        if (c >= 0x80) {
            if (Py_UNICODE_TOLOWER(c) < 0x80 || c == 0x130)
                return 1;
            continue;
        }
        for (int m = 0; m < 3; m++) {
            const char *w = marks[m];
            Py_ssize_t j = 0;
            while (w[j] && i + j < e) {
                Py_UCS4 d = PyUnicode_READ(kind, data, i + j);
                if (d >= 'A' && d <= 'Z')
                    d += 32;
                if (d != (Py_UCS4)w[j])
                    break;
                j++;
            }
            if (!w[j])
                return 1;
        }
    }
    return 0;
}

/* clutter_lines(text, ids, vocab_chars, vocab_ends, lines, line_tok, par_of_line,
 *               lexicon)
 * The lines _find_boilerplate must look at, as (line, repeated, rank) tuples in
 * order: every line it would call "repeated" (its keys those of an earlier line, or
 * of two others when it has at most 6 words: exact, on key numbers), every line of
 * at most 4 words, and every line it would classify that _classify_line could call
 * clutter; rank counts the lines with words before it (a line passed over ends a
 * tag list). */
static PyObject *
scan_clutter_lines(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *capsule;
    Py_buffer ib, cb, eb, lb, tb, pb;
    if (!PyArg_ParseTuple(args, "Uy*y*y*y*y*y*O:clutter_lines", &text, &ib, &cb, &eb, &lb,
                          &tb, &pb, &capsule))
        return NULL;
    PyObject *out = NULL;
    int64_t *vflags = NULL, *group = NULL, *count = NULL;
    uint32_t *slots = NULL;
    char *seen_before = NULL;
    lexicon_t *lx = PyCapsule_GetPointer(capsule, "syndetect._scan.lexicon");
    if (lx == NULL)
        goto done;
    const uint32_t *ids = ib.buf, *chars = cb.buf;
    const int64_t *vends = eb.buf, *lines = lb.buf, *ltok = tb.buf, *par = pb.buf;
    Py_ssize_t ntok = ib.len / 4, nv = eb.len / 8, nchars = cb.len / 4, nl = pb.len / 8;
    if (ib.len % 4 || cb.len % 4 || eb.len % 8 || lb.len != 16 * nl || tb.len != 16 * nl
        || pb.len % 8) {
        PyErr_SetString(PyExc_ValueError, "clutter_lines: arrays of the wrong size");
        goto done;
    }
    for (Py_ssize_t v = 0; v < nv; v++) {
        if (vends[v] < (v ? vends[v - 1] : 0) || vends[v] > nchars) {
            PyErr_SetString(PyExc_ValueError, "clutter_lines: vocabulary ends out of order");
            goto done;
        }
    }
    for (Py_ssize_t li = 0; li < nl; li++) {
        int64_t t0 = ltok[2 * li], t1 = ltok[2 * li + 1];
        if (t0 < 0 || t0 > t1 || t1 > ntok || lines[2 * li] < 0 || lines[2 * li] > lines[2 * li + 1]
            || lines[2 * li + 1] > PyUnicode_GET_LENGTH(text)) {
            PyErr_SetString(PyExc_ValueError, "clutter_lines: line out of bounds");
            goto done;
        }
        for (int64_t t = t0; t < t1; t++) {
            if ((Py_ssize_t)ids[t] >= nv) {
                PyErr_SetString(PyExc_ValueError, "clutter_lines: id beyond the vocabulary");
                goto done;
            }
        }
    }
    vflags = PyMem_Malloc(sizeof(int64_t) * ((size_t)nv + 1));
    group = PyMem_Malloc(sizeof(int64_t) * ((size_t)nl + 1));
    count = PyMem_Calloc((size_t)nl + 1, sizeof(int64_t));
    seen_before = PyMem_Calloc((size_t)nl + 1, 1);
    size_t size = 16;
    while (size < 2 * (size_t)nl + 2)
        size <<= 1;
    slots = PyMem_Calloc(size, sizeof(uint32_t));
    out = PyList_New(0);
    if (!vflags || !group || !count || !seen_before || !slots || !out) {
        if (out != NULL)
            PyErr_NoMemory();
        Py_CLEAR(out);
        goto done;
    }
    for (Py_ssize_t v = 0; v < nv; v++)
        vflags[v] = -1;  /* not looked up yet */

    /* Lines with the same keys: numbered by their first line. */
    for (Py_ssize_t li = 0; li < nl; li++) {
        int64_t t0 = ltok[2 * li], t1 = ltok[2 * li + 1];
        group[li] = li;
        if (t0 == t1)
            continue;
        uint64_t h = key_hash(ids + t0, t1 - t0);
        size_t i = (size_t)h & (size - 1);
        while (slots[i]) {
            Py_ssize_t g = slots[i] - 1;
            int64_t g0 = ltok[2 * g], g1 = ltok[2 * g + 1];
            if (g1 - g0 == t1 - t0
                && memcmp(ids + g0, ids + t0, sizeof(uint32_t) * (size_t)(t1 - t0)) == 0) {
                group[li] = g;
                seen_before[li] = 1;
                break;
            }
            i = (i + 1) & (size - 1);
        }
        if (!seen_before[li])
            slots[i] = (uint32_t)li + 1;
        count[group[li]]++;
    }

    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t rank = 0;
    for (Py_ssize_t li = 0; li < nl; li++) {
        int64_t t0 = ltok[2 * li], t1 = ltok[2 * li + 1], words = t1 - t0;
        if (words == 0)
            continue;
        int repeated = seen_before[li] || (words <= 6 && count[group[li]] >= 3);
        int visit = repeated || words <= 4;
        int wrapped = li > 0 && li + 1 < nl && par[li - 1] == par[li] && par[li] == par[li + 1];
        if (!visit && !wrapped && words <= 40) {
            int all_line = 1, any_date = 0;
            int64_t first = 0;
            for (int64_t t = t0; t < t1; t++) {
                uint32_t id = ids[t];
                if (vflags[id] < 0) {
                    int64_t s = id ? vends[id - 1] : 0, e = vends[id];
                    uint64_t h = key_hash(chars + s, e - s);
                    size_t at;
                    int64_t w = vocab_find(&lx->v, chars + s, e - s, h, &at);
                    vflags[id] = (w >= 0 ? lx->flags[w] : 0)
                                 | (is_number_key(chars + s, e - s) ? LX_NUMBER : 0);
                }
                int64_t f = vflags[id];
                if (t == t0) {
                    first = f;
                    if (words > 15 && !(f & LX_LIST_FIRST))
                        break;  /* never classified */
                }
                all_line &= (f & LX_LINE_WORD) != 0;
                any_date |= (f & (LX_NUMBER | LX_STRONG_DATE)) != 0;
            }
            if (words <= 15 || (first & LX_LIST_FIRST)) {
                visit = (words <= 8 && all_line) || (first & LX_PREFIX_FIRST)
                        || (words <= 14 && any_date)
                        || line_text_maybe(kind, data, lines[2 * li], lines[2 * li + 1], words);
            }
        }
        if (visit) {
            PyObject *item = Py_BuildValue("(nin)", li, repeated, rank);
            if (item == NULL || PyList_Append(out, item) < 0) {
                Py_XDECREF(item);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(item);
        }
        rank++;
    }
done:
    PyMem_Free(vflags);
    PyMem_Free(group);
    PyMem_Free(count);
    PyMem_Free(seen_before);
    PyMem_Free(slots);
    PyBuffer_Release(&ib);
    PyBuffer_Release(&cb);
    PyBuffer_Release(&eb);
    PyBuffer_Release(&lb);
    PyBuffer_Release(&tb);
    PyBuffer_Release(&pb);
    return out;
}

/* ---------------------------------------------------------------------------
 * joint_ids, sentence_ends: what compare aligns.
 * ------------------------------------------------------------------------- */

/* One text's content tokens: ids, vocabulary, content positions (or all). */
typedef struct {
    Py_buffer ids, chars, ends, content;
    int has_content;
    Py_ssize_t n;  /* content tokens */
} side_t;

static void
side_release(side_t *s)
{
    PyBuffer_Release(&s->ids);
    PyBuffer_Release(&s->chars);
    PyBuffer_Release(&s->ends);
    if (s->has_content)
        PyBuffer_Release(&s->content);
}

/* Reads (ids, vocab_chars, vocab_ends, content or None) and checks every bound. */
static int
side_get(PyObject *ids, PyObject *chars, PyObject *ends, PyObject *content, side_t *s)
{
    memset(s, 0, sizeof(*s));
    if (PyObject_GetBuffer(ids, &s->ids, PyBUF_SIMPLE) < 0)
        return -1;
    if (PyObject_GetBuffer(chars, &s->chars, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&s->ids);
        return -1;
    }
    if (PyObject_GetBuffer(ends, &s->ends, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&s->ids);
        PyBuffer_Release(&s->chars);
        return -1;
    }
    if (content != Py_None) {
        if (PyObject_GetBuffer(content, &s->content, PyBUF_SIMPLE) < 0) {
            PyBuffer_Release(&s->ids);
            PyBuffer_Release(&s->chars);
            PyBuffer_Release(&s->ends);
            return -1;
        }
        s->has_content = 1;
    }
    Py_ssize_t ntok = s->ids.len / 4, nv = s->ends.len / 8, nchars = s->chars.len / 4;
    if (s->ids.len % 4 || s->chars.len % 4 || s->ends.len % 8
        || (s->has_content && s->content.len % 8))
        goto bad;
    const int64_t *e = s->ends.buf;
    for (Py_ssize_t v = 0; v < nv; v++) {
        if (e[v] < (v ? e[v - 1] : 0) || e[v] > nchars)
            goto bad;
    }
    const uint32_t *id = s->ids.buf;
    for (Py_ssize_t t = 0; t < ntok; t++) {
        if ((Py_ssize_t)id[t] >= nv)
            goto bad;
    }
    if (s->has_content) {
        const int64_t *c = s->content.buf;
        s->n = s->content.len / 8;
        for (Py_ssize_t p = 0; p < s->n; p++) {
            if (c[p] < 0 || c[p] >= ntok)
                goto bad;
        }
    } else {
        s->n = ntok;
    }
    return 0;
bad:
    PyErr_SetString(PyExc_ValueError, "joint_ids: token table arrays out of bounds");
    side_release(s);
    return -1;
}

/* The local key number of content position p, and its code points. */
static inline uint32_t
side_key(const side_t *s, Py_ssize_t p, const uint32_t **k, Py_ssize_t *len)
{
    Py_ssize_t t = s->has_content ? (Py_ssize_t)((const int64_t *)s->content.buf)[p] : p;
    uint32_t id = ((const uint32_t *)s->ids.buf)[t];
    const int64_t *e = s->ends.buf;
    int64_t a = id ? e[id - 1] : 0;
    *k = (const uint32_t *)s->chars.buf + a;
    *len = (Py_ssize_t)(e[id] - a);
    return id;
}

/* Lexicographic order of the two key sequences (as Python compares lists of str):
   negative when a's comes first, 0 when equal. */
static int
side_order(const side_t *a, const side_t *b)
{
    Py_ssize_t n = a->n < b->n ? a->n : b->n;
    for (Py_ssize_t p = 0; p < n; p++) {
        const uint32_t *ka, *kb;
        Py_ssize_t la, lb;
        side_key(a, p, &ka, &la);
        side_key(b, p, &kb, &lb);
        Py_ssize_t m = la < lb ? la : lb;
        for (Py_ssize_t i = 0; i < m; i++) {
            if (ka[i] != kb[i])
                return ka[i] < kb[i] ? -1 : 1;
        }
        if (la != lb)
            return la < lb ? -1 : 1;
    }
    return a->n < b->n ? -1 : a->n > b->n ? 1 : 0;
}

/* Joint key numbers of one side's content tokens into out (map: local -> joint). */
static int
side_number(const side_t *s, vocab_t *joint, int64_t *map, uint32_t *out)
{
    for (Py_ssize_t v = 0; v < s->ends.len / 8; v++)
        map[v] = -1;
    for (Py_ssize_t p = 0; p < s->n; p++) {
        const uint32_t *k;
        Py_ssize_t len;
        uint32_t id = side_key(s, p, &k, &len);
        if (map[id] < 0 && (map[id] = vocab_intern(joint, k, len)) < 0)
            return -1;
        out[p] = (uint32_t)map[id];
    }
    return 0;
}

/* joint_ids(ids_a, chars_a, ends_a, content_a, ids_b, chars_b, ends_b, content_b)
 * The content tokens of two token tables as numbers of one joint vocabulary, in
 * compare's canonical orientation: x is the text whose key sequence comes first
 * (b when b's is less than a's, as Python compares the lists of keys), y the other.
 * Joint keys are numbered in order of first occurrence over x, then y. Returns
 * (swap, ids_x, ids_y, vocab_chars, vocab_ends): uint32 ids and code points, int64
 * ends; content None means every token. */
static PyObject *
scan_joint_ids(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *o[8];
    if (!PyArg_ParseTuple(args, "OOOOOOOO:joint_ids", &o[0], &o[1], &o[2], &o[3], &o[4],
                          &o[5], &o[6], &o[7]))
        return NULL;
    side_t a, b;
    if (side_get(o[0], o[1], o[2], o[3], &a) < 0)
        return NULL;
    if (side_get(o[4], o[5], o[6], o[7], &b) < 0) {
        side_release(&a);
        return NULL;
    }
    PyObject *result = NULL;
    vocab_t joint;
    int joint_ready = 0;
    int64_t *map = NULL;
    uint32_t *ix = NULL, *iy = NULL;
    int swap = side_order(&b, &a) < 0;
    const side_t *x = swap ? &b : &a, *y = swap ? &a : &b;
    Py_ssize_t vmax = (a.ends.len > b.ends.len ? a.ends.len : b.ends.len) / 8;
    if (vocab_init(&joint, (a.ends.len + b.ends.len) / 8) < 0)
        goto done;
    joint_ready = 1;
    map = PyMem_Malloc(sizeof(int64_t) * ((size_t)vmax + 1));
    ix = PyMem_Malloc(sizeof(uint32_t) * ((size_t)x->n + 1));
    iy = PyMem_Malloc(sizeof(uint32_t) * ((size_t)y->n + 1));
    if (!map || !ix || !iy) {
        PyErr_NoMemory();
        goto done;
    }
    if (side_number(x, &joint, map, ix) < 0 || side_number(y, &joint, map, iy) < 0)
        goto done;
    result = Py_BuildValue(
        "(ONNNN)", swap ? Py_True : Py_False,
        PyBytes_FromStringAndSize((const char *)ix, (Py_ssize_t)sizeof(uint32_t) * x->n),
        PyBytes_FromStringAndSize((const char *)iy, (Py_ssize_t)sizeof(uint32_t) * y->n),
        PyBytes_FromStringAndSize((const char *)joint.chars,
                                  (Py_ssize_t)sizeof(uint32_t) * joint.nchars),
        i64_bytes(&joint.ends));
done:
    if (joint_ready)
        vocab_free(&joint);
    PyMem_Free(map);
    PyMem_Free(ix);
    PyMem_Free(iy);
    side_release(&a);
    side_release(&b);
    return result;
}

/* sentence_ends(text, starts, ends, content, marks)
 * One byte per content position (content: int64 token numbers, or None for every
 * token): 1 when a character of marks stands between the token's end and the start
 * of the next content token, and for the last position (compare._sentence_ends). */
static PyObject *
scan_sentence_ends(PyObject *self, PyObject *args)
{
    (void)self;
    PyObject *text, *content, *marks;
    Py_buffer sb, eb, cb;
    if (!PyArg_ParseTuple(args, "Uy*y*OU:sentence_ends", &text, &sb, &eb, &content, &marks))
        return NULL;
    PyObject *out = NULL;
    int has_content = content != Py_None;
    if (has_content && PyObject_GetBuffer(content, &cb, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&sb);
        PyBuffer_Release(&eb);
        return NULL;
    }
    const int64_t *starts = sb.buf, *ends = eb.buf;
    const int64_t *c = has_content ? cb.buf : NULL;
    Py_ssize_t ntok = sb.len / 8, n = has_content ? cb.len / 8 : ntok;
    Py_ssize_t len = PyUnicode_GET_LENGTH(text), nmarks = PyUnicode_GET_LENGTH(marks);
    if (sb.len % 8 || eb.len != sb.len || (has_content && cb.len % 8)) {
        PyErr_SetString(PyExc_ValueError, "sentence_ends: arrays of the wrong size");
        goto done;
    }
    out = PyBytes_FromStringAndSize(NULL, n);
    if (out == NULL)
        goto done;
    char *flag = PyBytes_AS_STRING(out);
    int kind = PyUnicode_KIND(text), mkind = PyUnicode_KIND(marks);
    const void *data = PyUnicode_DATA(text), *mdata = PyUnicode_DATA(marks);
    for (Py_ssize_t p = 0; p < n; p++) {
        Py_ssize_t t = c ? (Py_ssize_t)c[p] : p;
        if (t < 0 || t >= ntok || (p + 1 < n && (c ? c[p + 1] : p + 1) >= ntok)) {
            PyErr_SetString(PyExc_ValueError, "sentence_ends: content out of bounds");
            Py_CLEAR(out);
            goto done;
        }
        if (p + 1 == n) {
            flag[p] = 1;
            break;
        }
        Py_ssize_t lo = ends[t], hi = starts[c ? c[p + 1] : p + 1];
        if (lo < 0)
            lo = 0;
        if (hi > len)
            hi = len;
        int found = 0;
        for (Py_ssize_t i = lo; i < hi && !found; i++) {
            Py_UCS4 ch = PyUnicode_READ(kind, data, i);
            for (Py_ssize_t m = 0; m < nmarks && !found; m++)
                found = PyUnicode_READ(mkind, mdata, m) == ch;
        }
        flag[p] = (char)found;
    }
done:
    PyBuffer_Release(&sb);
    PyBuffer_Release(&eb);
    if (has_content)
        PyBuffer_Release(&cb);
    return out;
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
    {"scan", scan_scan, METH_VARARGS,
     "scan(text, classes, folds, fold, astral_class, key_of) -> the token table of "
     "text as 13 bytes objects (see the module comment)"},
    {"int_list", scan_int_list, METH_O,
     "int_list(values) -> a buffer of int64 as a list of int (untracked by the collector)"},
    {"keys", scan_keys, METH_VARARGS,
     "keys(vocab_chars, vocab_ends, ids[, t0, t1]) -> the key of each token, a list of str"},
    {"lexicon", scan_lexicon, METH_O,
     "lexicon(words) -> the words (dict of key -> flags) as a capsule for clutter_lines"},
    {"clutter_lines", scan_clutter_lines, METH_VARARGS,
     "clutter_lines(text, ids, vocab_chars, vocab_ends, lines, line_tok, par_of_line, "
     "lexicon) -> (line, repeated, rank) of the lines _find_boilerplate must look at"},
    {"joint_ids", scan_joint_ids, METH_VARARGS,
     "joint_ids(ids_a, chars_a, ends_a, content_a, ids_b, chars_b, ends_b, content_b) -> "
     "(swap, ids_x, ids_y, vocab_chars, vocab_ends)"},
    {"sentence_ends", scan_sentence_ends, METH_VARARGS,
     "sentence_ends(text, starts, ends, content, marks) -> one byte per content position"},
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
