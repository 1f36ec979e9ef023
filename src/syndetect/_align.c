/*
 * syndetect._align: the seeding and tiling steps of syndetect.align in C.
 *
 * Optional accelerator. align.py holds the reference implementation (numpy and pure
 * Python: _maximal_matches and _tile), and this module reproduces it exactly, down to
 * the 64-bit k-gram hash (so a hash collision behaves the same way);
 * tests/test_align_c.py checks that on arbitrary token sequences. When this module
 * is not compiled, align.py runs its own code.
 *
 * maximal_matches(x, y, k, max_repeat)
 *   x, y        lists of tokens: ints (each fitting a signed 64-bit integer) stand for
 *               themselves, str for a 64-bit hash of their code units (str_hash),
 *               anything else for its hash() (compare passes token keys). The
 *               matches are joined on hashes: tile splits them where the tokens
 *               differ (a hash collision), so the tiles never depend on the hash.
 *   k           seed length, >= 1
 *   max_repeat  k-grams occurring more often than this in x are no seeds
 *   returns the maximal exact matches of at least k tokens as a list of
 *   (x0, y0, length) tuples, sorted by diagonal (y0 - x0), then x0: the order of
 *   align._maximal_matches.
 *
 * common_ends(x, y)
 *   (head, tail): the length of the common prefix of lists x and y, and of the
 *   common suffix of x[head:] and y[head:] (align._common_prefix, twice).
 *
 * sentence_ends(text, starts, ends, content, marks)
 *   the set of content positions p (indices into the list content of token indices)
 *   followed by one of the characters of marks before the next content token, i.e.
 *   somewhere in text[ends[content[p]]:starts[content[p + 1]]], plus the last
 *   position: compare._SentenceEnds and compare._sentence_ends, all at once. marks
 *   holds at most 32 non-ASCII characters (ValueError beyond).
 *
 * SentenceEnds(text, starts, ends, content, marks)
 *   a container of the same positions, each tested when asked (p in it).
 *
 * heaviest_chain(tiles)
 *   flags of the tiles (a list of (x0, y0, n), sorted by x0) on the heaviest chain
 *   increasing in y0, as align._heaviest_chain (same tie-breaking).
 *
 * Maker(cls, fields)
 *   a fast constructor for a frozen slotted dataclass: Maker(cls, fields)(*values)
 *   equals cls(*values) (one value per field, in order), without the generated
 *   __init__'s object.__setattr__ call per field (about 1.5 us an object here).
 *   TypeError for a class it cannot build so: a C-level base other than object, its
 *   own __new__, a __post_init__ (it would be skipped), or fields that are not
 *   exactly its object slots (align.fast_maker then uses the class itself).
 *
 * tile(matches, x, y, min_len, occ_x, occ_y)
 *   greedy string tiling of align._tile: longest match first, no token used twice on
 *   either side; occ_x / occ_y (bytearrays, one byte per token, nonzero = taken)
 *   are updated in place. Returns the tiles as a sorted list of (x0, y0, n).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define P_MUL 0x9E3779B97F4A7C15ull

/* A 64-bit hash of a str's code units and their width (equal strings have equal
 * kinds and units; the width keeps "in" apart from U+6E69, whose one 2-byte unit holds
 * the same bytes, as CPython's own str hash does not). Python's own str hash would
 * do as well, but it costs more on the fresh keys of a new analysis; any hash gives
 * the same tiles, since the tiling checks token equality and splits a match at tokens
 * that only share a hash. */
static uint64_t
str_hash(PyObject *s)
{
    int kind = PyUnicode_KIND(s);
    size_t len = (size_t)PyUnicode_GET_LENGTH(s) * kind;
    const unsigned char *p = PyUnicode_DATA(s);
    uint64_t h = 0x9E3779B97F4A7C15ull ^ ((uint64_t)len * 0xff51afd7ed558ccdull)
                 ^ ((uint64_t)kind << 56);
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        h = (h ^ v) * 0xbf58476d1ce4e5b9ull;
        h ^= h >> 31;
        p += 8;
        len -= 8;
    }
    uint64_t v = 0;
    memcpy(&v, p, len);
    h = (h ^ v) * 0x94d049bb133111ebull;
    h ^= h >> 29;
    h *= 0xbf58476d1ce4e5b9ull;
    h ^= h >> 32;
    return h;
}

/* The items of a list as int64 ids: ints as they are, str by str_hash, anything else
 * by its hash() (align._ids gives str their hash() told apart by width instead: the
 * same matches, bar collisions of 64-bit values); NULL with an exception set on
 * failure. */
static int64_t *
as_int64(PyObject *seq, Py_ssize_t *n_out)
{
    if (!PyList_Check(seq)) {
        PyErr_SetString(PyExc_TypeError, "expected a list");
        return NULL;
    }
    Py_ssize_t n = PyList_GET_SIZE(seq);
    int64_t *out = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(int64_t));
    if (out == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        /* (a token's __hash__ may change the list: check its size at every step) */
        if (PyList_GET_SIZE(seq) != n) {
            PyErr_SetString(PyExc_RuntimeError, "list changed size during alignment");
            PyMem_Free(out);
            return NULL;
        }
        PyObject *v = PyList_GET_ITEM(seq, i);
        /* (a str subclass keeping str's hash and equality compares equal to the
         * same str: it gets the same id) */
        if (PyUnicode_CheckExact(v)
            || (PyUnicode_Check(v) && Py_TYPE(v)->tp_hash == PyUnicode_Type.tp_hash
                && Py_TYPE(v)->tp_richcompare == PyUnicode_Type.tp_richcompare)) {
            out[i] = (int64_t)str_hash(v);
            continue;
        }
        if (!PyLong_Check(v)) {
            Py_INCREF(v);
            Py_hash_t h = PyObject_Hash(v);
            Py_DECREF(v);
            if (h == -1) {
                PyMem_Free(out);
                return NULL;
            }
            out[i] = (int64_t)h;
            continue;
        }
        /* (PyLong_AsLongLong goes through a byte array for ints past one digit) */
        int overflow;
        long long value = PyLong_AsLongLongAndOverflow(v, &overflow);
        if (overflow) {
            PyErr_SetString(PyExc_OverflowError, "token id out of the int64 range");
        }
        if (overflow || (value == -1 && PyErr_Occurred())) {
            PyMem_Free(out);
            return NULL;
        }
        out[i] = (int64_t)value;
    }
    *n_out = n;
    return out;
}

/* x[i] == y[j] for two lists of tokens, as PyObject_RichCompareBool(x[i], y[j], Py_EQ),
 * with exact str compared in place (the keys of two texts are equal strings, never
 * the same object); -1 with an exception set on failure. A token's __eq__ may run
 * any Python code, so the items are held while compared and the indices checked
 * against the lists' sizes at every call. */
static inline int
items_equal(PyObject *x, Py_ssize_t i, PyObject *y, Py_ssize_t j)
{
    if (i >= PyList_GET_SIZE(x) || j >= PyList_GET_SIZE(y)) {
        PyErr_SetString(PyExc_RuntimeError, "list changed size during alignment");
        return -1;
    }
    PyObject *a = PyList_GET_ITEM(x, i), *b = PyList_GET_ITEM(y, j);
    if (a == b)
        return 1;
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(a);
        int kind = PyUnicode_KIND(a);
        if (n != PyUnicode_GET_LENGTH(b) || kind != PyUnicode_KIND(b))
            return 0;
        return memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)n * kind) == 0;
    }
    Py_INCREF(a);
    Py_INCREF(b);
    int eq = PyObject_RichCompareBool(a, b, Py_EQ);
    Py_DECREF(a);
    Py_DECREF(b);
    return eq;
}

/* One hash per run of k ids, as align._kgram_hashes: sum of ids[i + j] * P^(k-1-j),
 * in uint64 arithmetic (wrapping, i.e. modulo 2^64: a ring, so rolling the window
 * gives exactly the values of the direct sums). */
static void
kgram_hashes(const int64_t *ids, Py_ssize_t n, Py_ssize_t k, uint64_t *h)
{
    if (n < k)
        return;
    uint64_t v = (uint64_t)ids[0], top = 1;  /* top = P^(k-1) */
    for (Py_ssize_t j = 1; j < k; j++) {
        v = v * P_MUL + (uint64_t)ids[j];
        top *= P_MUL;
    }
    h[0] = v;
    for (Py_ssize_t i = 1; i + k <= n; i++) {
        v = (v - (uint64_t)ids[i - 1] * top) * P_MUL + (uint64_t)ids[i + k - 1];
        h[i] = v;
    }
}

/* (a, b, c) as a tuple of ints */
static PyObject *
triple(Py_ssize_t a, Py_ssize_t b, Py_ssize_t c)
{
    PyObject *t = PyTuple_New(3);
    if (t == NULL)
        return NULL;
    Py_ssize_t v[3] = {a, b, c};
    for (int i = 0; i < 3; i++) {
        PyObject *o = PyLong_FromSsize_t(v[i]);
        if (o == NULL) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, o);
    }
    return t;
}

static inline uint64_t
mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

typedef struct {
    Py_ssize_t x0, y0, n, d;
} match_t;

static int
cmp_match(const void *a, const void *b)
{
    const match_t *p = a, *q = b;
    if (p->d != q->d)
        return p->d < q->d ? -1 : 1;
    return p->x0 < q->x0 ? -1 : (p->x0 > q->x0);
}

static PyObject *
align_maximal_matches(PyObject *self, PyObject *args)
{
    PyObject *xo, *yo;
    Py_ssize_t k, max_repeat;
    if (!PyArg_ParseTuple(args, "O!O!nn", &PyList_Type, &xo, &PyList_Type, &yo, &k,
                          &max_repeat))
        return NULL;
    if (k < 1) {
        PyErr_SetString(PyExc_ValueError, "k must be >= 1");
        return NULL;
    }
    PyObject *result = NULL;
    int64_t *x = NULL, *y = NULL;
    uint64_t *hx = NULL, *hy = NULL, *slot_h = NULL;
    Py_ssize_t *slot_id = NULL, *id_of_x = NULL, *count = NULL, *first = NULL,
               *pos = NULL, *cnt_y = NULL, *id_of_y = NULL;
    match_t *out = NULL;
    Py_ssize_t nx, ny;
    x = as_int64(xo, &nx);
    if (x == NULL)
        goto done;
    y = as_int64(yo, &ny);
    if (y == NULL)
        goto done;
    Py_ssize_t mx = nx - k + 1, my = ny - k + 1;
    if (mx <= 0 || my <= 0) {
        result = PyList_New(0);
        goto done;
    }
    hx = PyMem_Malloc((size_t)mx * sizeof(uint64_t));
    hy = PyMem_Malloc((size_t)my * sizeof(uint64_t));
    if (hx == NULL || hy == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    kgram_hashes(x, nx, k, hx);
    kgram_hashes(y, ny, k, hy);

    /* Open-addressing table of the distinct hashes of x. */
    size_t size = 16;
    while (size < (size_t)mx * 2)
        size <<= 1;
    size_t mask = size - 1;
    slot_h = PyMem_Malloc(size * sizeof(uint64_t));
    slot_id = PyMem_Malloc(size * sizeof(Py_ssize_t));
    id_of_x = PyMem_Malloc((size_t)mx * sizeof(Py_ssize_t));
    count = PyMem_Calloc((size_t)mx + 1, sizeof(Py_ssize_t));
    first = PyMem_Malloc(((size_t)mx + 1) * sizeof(Py_ssize_t));
    pos = PyMem_Malloc((size_t)mx * sizeof(Py_ssize_t));
    cnt_y = PyMem_Malloc((size_t)my * sizeof(Py_ssize_t));
    id_of_y = PyMem_Malloc((size_t)my * sizeof(Py_ssize_t));
    if (!slot_h || !slot_id || !id_of_x || !count || !first || !pos || !cnt_y || !id_of_y) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t s = 0; s < size; s++)
        slot_id[s] = -1;
    Py_ssize_t ids = 0;
    for (Py_ssize_t i = 0; i < mx; i++) {
        size_t s = (size_t)mix(hx[i]) & mask;
        while (slot_id[s] >= 0 && slot_h[s] != hx[i])
            s = (s + 1) & mask;
        if (slot_id[s] < 0) {
            slot_id[s] = ids++;
            slot_h[s] = hx[i];
        }
        id_of_x[i] = slot_id[s];
        count[slot_id[s]]++;
    }
    /* Positions of each distinct hash, ascending (the stable argsort's order). */
    Py_ssize_t acc = 0;
    for (Py_ssize_t d = 0; d < ids; d++) {
        first[d] = acc;
        acc += count[d];
    }
    first[ids] = acc;
    {
        Py_ssize_t *cursor = PyMem_Malloc(((size_t)ids + 1) * sizeof(Py_ssize_t));
        if (cursor == NULL) {
            PyErr_NoMemory();
            goto done;
        }
        memcpy(cursor, first, ((size_t)ids + 1) * sizeof(Py_ssize_t));
        for (Py_ssize_t i = 0; i < mx; i++)
            pos[cursor[id_of_x[i]]++] = i;
        PyMem_Free(cursor);
    }
    /* For each k-gram of y: the id of its hash in x and how many seeds it makes. */
    Py_ssize_t total = 0;
    for (Py_ssize_t j = 0; j < my; j++) {
        size_t s = (size_t)mix(hy[j]) & mask;
        while (slot_id[s] >= 0 && slot_h[s] != hy[j])
            s = (s + 1) & mask;
        Py_ssize_t id = slot_id[s];
        id_of_y[j] = id;
        Py_ssize_t c = id < 0 ? 0 : count[id];
        if (c > max_repeat)
            c = 0;
        cnt_y[j] = c;
        total += c;
    }
    if (total == 0) {
        result = PyList_New(0);
        goto done;
    }
    /* A seed (i, j) starts a run unless (i - 1, j - 1) is a seed too. */
    Py_ssize_t nout = 0, cap = 64;
    out = PyMem_Malloc((size_t)cap * sizeof(match_t));
    if (out == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t j = 0; j < my; j++) {
        if (cnt_y[j] == 0)
            continue;
        Py_ssize_t id = id_of_y[j];
        for (Py_ssize_t t = first[id]; t < first[id + 1]; t++) {
            Py_ssize_t i = pos[t];
            if (i > 0 && j > 0 && cnt_y[j - 1] > 0 && hx[i - 1] == hy[j - 1])
                continue;
            Py_ssize_t m = 1;
            while (i + m < mx && j + m < my && cnt_y[j + m] > 0 && hx[i + m] == hy[j + m])
                m++;
            if (nout == cap) {
                cap *= 2;
                match_t *grown = PyMem_Realloc(out, (size_t)cap * sizeof(match_t));
                if (grown == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                out = grown;
            }
            out[nout].x0 = i;
            out[nout].y0 = j;
            out[nout].n = m - 1 + k;
            out[nout].d = j - i;
            nout++;
        }
    }
    qsort(out, (size_t)nout, sizeof(match_t), cmp_match);
    result = PyList_New(nout);
    if (result == NULL)
        goto done;
    for (Py_ssize_t t = 0; t < nout; t++) {
        PyObject *tup = triple(out[t].x0, out[t].y0, out[t].n);
        if (tup == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, t, tup);
    }
done:
    PyMem_Free(x);
    PyMem_Free(y);
    PyMem_Free(hx);
    PyMem_Free(hy);
    PyMem_Free(slot_h);
    PyMem_Free(slot_id);
    PyMem_Free(id_of_x);
    PyMem_Free(count);
    PyMem_Free(first);
    PyMem_Free(pos);
    PyMem_Free(cnt_y);
    PyMem_Free(id_of_y);
    PyMem_Free(out);
    return result;
}

/* ------------------------------------------------------------------------- */
/* Tiling                                                                      */
/* ------------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t n, x0, y0;
} item_t;

/* heap order of align._tile: (-n, x0, y0) ascending, i.e. longest first */
static inline int
item_less(const item_t *a, const item_t *b)
{
    if (a->n != b->n)
        return a->n > b->n;
    if (a->x0 != b->x0)
        return a->x0 < b->x0;
    return a->y0 < b->y0;
}

typedef struct {
    item_t *v;
    Py_ssize_t len, cap;
} heap_t;

static int
heap_push(heap_t *h, item_t it)
{
    if (h->len == h->cap) {
        Py_ssize_t cap = h->cap ? h->cap * 2 : 64;
        item_t *grown = PyMem_Realloc(h->v, (size_t)cap * sizeof(item_t));
        if (grown == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        h->v = grown;
        h->cap = cap;
    }
    Py_ssize_t i = h->len++;
    while (i > 0) {
        Py_ssize_t parent = (i - 1) / 2;
        if (!item_less(&it, &h->v[parent]))
            break;
        h->v[i] = h->v[parent];
        i = parent;
    }
    h->v[i] = it;
    return 0;
}

static item_t
heap_pop(heap_t *h)
{
    item_t top = h->v[0];
    item_t last = h->v[--h->len];
    Py_ssize_t i = 0, n = h->len;
    for (;;) {
        Py_ssize_t c = 2 * i + 1;
        if (c >= n)
            break;
        if (c + 1 < n && item_less(&h->v[c + 1], &h->v[c]))
            c++;
        if (!item_less(&h->v[c], &last))
            break;
        h->v[i] = h->v[c];
        i = c;
    }
    if (n > 0)
        h->v[i] = last;
    return top;
}

static int
cmp_tile(const void *a, const void *b)
{
    const item_t *p = a, *q = b;
    if (p->x0 != q->x0)
        return p->x0 < q->x0 ? -1 : 1;
    if (p->y0 != q->y0)
        return p->y0 < q->y0 ? -1 : 1;
    return p->n < q->n ? -1 : (p->n > q->n);
}

/* Whether occ[lo:hi] holds the byte value (bytearray.find(value, lo, hi) != -1). */
static int
any_eq(const char *occ, Py_ssize_t lo, Py_ssize_t hi, char value)
{
    return hi > lo && memchr(occ + lo, value, (size_t)(hi - lo)) != NULL;
}

/* Push the runs of at least min_len positions i < n with x[x0 + i] == y[y0 + i]
 * (align._requeue_equal): the parts of a match that a hash collision joined. */
static int
requeue_equal(heap_t *heap, PyObject *xo, PyObject *yo, Py_ssize_t x0, Py_ssize_t y0,
              Py_ssize_t n, Py_ssize_t min_len)
{
    Py_ssize_t run = 0;
    for (Py_ssize_t i = 0; i <= n; i++) {
        if (i < n) {
            int eq = items_equal(xo, x0 + i, yo, y0 + i);
            if (eq < 0)
                return -1;
            if (eq) {
                run++;
                continue;
            }
        }
        if (run >= min_len) {
            item_t sub = {run, x0 + i - run, y0 + i - run};
            if (heap_push(heap, sub) < 0)
                return -1;
        }
        run = 0;
    }
    return 0;
}

static PyObject *
align_tile(PyObject *self, PyObject *args)
{
    PyObject *mo, *xo, *yo, *ox, *oy;
    Py_ssize_t min_len;
    if (!PyArg_ParseTuple(args, "O!O!O!nO!O!", &PyList_Type, &mo, &PyList_Type, &xo,
                          &PyList_Type, &yo, &min_len, &PyByteArray_Type, &ox,
                          &PyByteArray_Type, &oy))
        return NULL;
    PyObject *result = NULL;
    item_t *tiles = NULL;
    heap_t heap = {NULL, 0, 0};
    /* The occupancy buffers stay exported while written through (a token's __eq__
     * cannot resize or free them meanwhile: bytearray refuses with BufferError). */
    Py_buffer bx, by;  /* (released at done: both are acquired before any goto) */
    if (PyObject_GetBuffer(ox, &bx, PyBUF_WRITABLE) < 0)
        return NULL;
    if (PyObject_GetBuffer(oy, &by, PyBUF_WRITABLE) < 0) {
        PyBuffer_Release(&bx);
        return NULL;
    }
    Py_ssize_t nx = PyList_GET_SIZE(xo), ny = PyList_GET_SIZE(yo), ntiles = 0;
    if (bx.len != nx || by.len != ny) {
        PyErr_SetString(PyExc_ValueError, "occupancy arrays must match the sequences");
        goto done;
    }
    char *occ_x = bx.buf, *occ_y = by.buf;
    if (min_len < 1) {
        PyErr_SetString(PyExc_ValueError, "min_len must be >= 1");
        goto done;
    }
    Py_ssize_t nm = PyList_GET_SIZE(mo);
    for (Py_ssize_t t = 0; t < nm; t++) {
        PyObject *m = PyList_GET_ITEM(mo, t);
        item_t it;
        if (!PyTuple_Check(m) || PyTuple_GET_SIZE(m) != 3) {
            PyErr_SetString(PyExc_TypeError, "matches must be (x0, y0, n) tuples");
            goto done;
        }
        it.x0 = PyLong_AsSsize_t(PyTuple_GET_ITEM(m, 0));
        it.y0 = PyLong_AsSsize_t(PyTuple_GET_ITEM(m, 1));
        it.n = PyLong_AsSsize_t(PyTuple_GET_ITEM(m, 2));
        if (PyErr_Occurred())
            goto done;
        if (it.n < min_len)
            continue;
        /* (in this order, none of the differences can overflow) */
        if (it.x0 < 0 || it.y0 < 0 || it.x0 > nx || it.y0 > ny || it.n > nx - it.x0
            || it.n > ny - it.y0) {
            PyErr_SetString(PyExc_ValueError, "match out of range");
            goto done;
        }
        if (heap_push(&heap, it) < 0)
            goto done;
    }
    tiles = PyMem_Malloc(((size_t)heap.len + 1) * sizeof(item_t));
    if (tiles == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t tiles_cap = heap.len + 1;
    while (heap.len) {
        item_t it = heap_pop(&heap);
        Py_ssize_t n = it.n, x0 = it.x0, y0 = it.y0;
        if (!any_eq(occ_x, x0, x0 + n, 1) && !any_eq(occ_y, y0, y0 + n, 1)) {
            /* Seeds join on hashes: never trust a match blindly. Where a hash collision
             * passed two different tokens for equal, requeue the equal parts. */
            int equal = 1;
            for (Py_ssize_t i = 0; i < n && equal; i++) {
                equal = items_equal(xo, x0 + i, yo, y0 + i);
                if (equal < 0)
                    goto done;
            }
            if (!equal) {
                if (requeue_equal(&heap, xo, yo, x0, y0, n, min_len) < 0)
                    goto done;
                continue;
            }
            memset(occ_x + x0, 1, (size_t)n);
            memset(occ_y + y0, 1, (size_t)n);
            if (ntiles == tiles_cap) {
                tiles_cap *= 2;
                item_t *grown = PyMem_Realloc(tiles, (size_t)tiles_cap * sizeof(item_t));
                if (grown == NULL) {
                    PyErr_NoMemory();
                    goto done;
                }
                tiles = grown;
            }
            tiles[ntiles++] = it;
            continue;
        }
        if (!any_eq(occ_x, x0, x0 + n, 0) || !any_eq(occ_y, y0, y0 + n, 0))
            continue;
        /* Requeue the free stretches still long enough. */
        Py_ssize_t run = 0;
        for (Py_ssize_t i = 0; i <= n; i++) {
            if (i < n && (occ_x[x0 + i] | occ_y[y0 + i]) == 0) {
                run++;
                continue;
            }
            if (run >= min_len) {
                item_t sub = {run, x0 + i - run, y0 + i - run};
                if (heap_push(&heap, sub) < 0)
                    goto done;
            }
            run = 0;
        }
    }
    qsort(tiles, (size_t)ntiles, sizeof(item_t), cmp_tile);
    result = PyList_New(ntiles);
    if (result == NULL)
        goto done;
    for (Py_ssize_t t = 0; t < ntiles; t++) {
        PyObject *tup = triple(tiles[t].x0, tiles[t].y0, tiles[t].n);
        if (tup == NULL) {
            Py_CLEAR(result);
            goto done;
        }
        PyList_SET_ITEM(result, t, tup);
    }
done:
    PyBuffer_Release(&bx);
    PyBuffer_Release(&by);
    PyMem_Free(tiles);
    PyMem_Free(heap.v);
    return result;
}

/* ------------------------------------------------------------------------- */
/* Heaviest chain                                                              */
/* ------------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t y0, i;
} rank_t;

static int
cmp_rank(const void *a, const void *b)
{
    const rank_t *p = a, *q = b;
    if (p->y0 != q->y0)
        return p->y0 < q->y0 ? -1 : 1;
    return p->i < q->i ? -1 : (p->i > q->i);
}

static PyObject *
align_heaviest_chain(PyObject *self, PyObject *args)
{
    PyObject *to;
    if (!PyArg_ParseTuple(args, "O!", &PyList_Type, &to))
        return NULL;
    Py_ssize_t t = PyList_GET_SIZE(to);
    PyObject *result = NULL;
    Py_ssize_t *y0 = NULL, *n = NULL, *rank = NULL, *tree_w = NULL, *tree_i = NULL,
               *best = NULL, *prev = NULL;
    rank_t *order = NULL;
    char *on = NULL;
    if (t == 0)
        return PyList_New(0);
    size_t sz = (size_t)t + 1;
    y0 = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    n = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    rank = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    tree_w = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    tree_i = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    best = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    prev = PyMem_Malloc(sz * sizeof(Py_ssize_t));
    order = PyMem_Malloc(sz * sizeof(rank_t));
    on = PyMem_Calloc(sz, 1);
    if (!y0 || !n || !rank || !tree_w || !tree_i || !best || !prev || !order || !on) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < t; i++) {
        PyObject *tile = PyList_GET_ITEM(to, i);
        if (!PyTuple_Check(tile) || PyTuple_GET_SIZE(tile) != 3) {
            PyErr_SetString(PyExc_TypeError, "tiles must be (x0, y0, n) tuples");
            goto done;
        }
        y0[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(tile, 1));
        n[i] = PyLong_AsSsize_t(PyTuple_GET_ITEM(tile, 2));
        if (PyErr_Occurred())
            goto done;
        order[i].y0 = y0[i];
        order[i].i = i;
    }
    /* ranks of the distinct y0 values, ascending */
    qsort(order, (size_t)t, sizeof(rank_t), cmp_rank);
    Py_ssize_t size = 0;
    for (Py_ssize_t k = 0; k < t; k++) {
        if (k > 0 && order[k].y0 != order[k - 1].y0)
            size++;
        rank[order[k].i] = size;
    }
    size++;
    for (Py_ssize_t q = 0; q <= size; q++) {
        tree_w[q] = 0;
        tree_i[q] = -1;
    }
    /* (a Fenwick tree of prefix maxima, visited in align._heaviest_chain's order, so
     * that ties go the same way) */
    for (Py_ssize_t i = 0; i < t; i++) {
        Py_ssize_t r = rank[i], w = 0, j = -1;
        for (Py_ssize_t q = r; q > 0; q -= q & -q) {
            if (tree_w[q] > w) {
                w = tree_w[q];
                j = tree_i[q];
            }
        }
        best[i] = w + n[i];
        prev[i] = j;
        for (Py_ssize_t q = r + 1; q <= size; q += q & -q) {
            if (best[i] > tree_w[q]) {
                tree_w[q] = best[i];
                tree_i[q] = i;
            }
        }
    }
    Py_ssize_t top = 0;
    for (Py_ssize_t i = 1; i < t; i++)
        if (best[i] > best[top])
            top = i;
    for (Py_ssize_t i = top; i >= 0; i = prev[i])
        on[i] = 1;
    result = PyList_New(t);
    if (result == NULL)
        goto done;
    for (Py_ssize_t i = 0; i < t; i++) {
        PyObject *b = on[i] ? Py_True : Py_False;
        Py_INCREF(b);
        PyList_SET_ITEM(result, i, b);
    }
done:
    PyMem_Free(y0);
    PyMem_Free(n);
    PyMem_Free(rank);
    PyMem_Free(tree_w);
    PyMem_Free(tree_i);
    PyMem_Free(best);
    PyMem_Free(prev);
    PyMem_Free(order);
    PyMem_Free(on);
    return result;
}

/* ------------------------------------------------------------------------- */
/* Common beginning and end                                                    */
/* ------------------------------------------------------------------------- */

static PyObject *
align_common_ends(PyObject *self, PyObject *args)
{
    PyObject *xo, *yo;
    if (!PyArg_ParseTuple(args, "O!O!", &PyList_Type, &xo, &PyList_Type, &yo))
        return NULL;
    Py_ssize_t nx = PyList_GET_SIZE(xo), ny = PyList_GET_SIZE(yo);
    Py_ssize_t n = nx < ny ? nx : ny, head = 0, tail = 0;
    /* (items_equal raises if a token's __eq__ changed a list's size) */
    while (head < n) {
        int eq = items_equal(xo, head, yo, head);
        if (eq < 0)
            return NULL;
        if (!eq)
            break;
        head++;
    }
    while (tail < n - head) {
        if (PyList_GET_SIZE(xo) != nx || PyList_GET_SIZE(yo) != ny) {
            PyErr_SetString(PyExc_RuntimeError, "list changed size during alignment");
            return NULL;
        }
        int eq = items_equal(xo, nx - 1 - tail, yo, ny - 1 - tail);
        if (eq < 0)
            return NULL;
        if (!eq)
            break;
        tail++;
    }
    return Py_BuildValue("(nn)", head, tail);
}

/* ------------------------------------------------------------------------- */
/* Sentence ends                                                               */
/* ------------------------------------------------------------------------- */

static int
list_index(PyObject *list, Py_ssize_t i, Py_ssize_t *out)
{
    if (i < 0 || i >= PyList_GET_SIZE(list)) {
        PyErr_SetString(PyExc_IndexError, "token index out of range");
        return -1;
    }
    Py_ssize_t v = PyLong_AsSsize_t(PyList_GET_ITEM(list, i));
    if (v == -1 && PyErr_Occurred())
        return -1;
    *out = v;
    return 0;
}

/* Sentence marks: ASCII ones in a table, the others (a dozen in practice) in a list. */
#define MAX_OTHER_MARKS 32
typedef struct {
    char ascii[128];
    Py_UCS4 other[MAX_OTHER_MARKS];
    Py_ssize_t nother;
} marks_t;

static int
parse_marks(PyObject *marks, marks_t *out)
{
    memset(out->ascii, 0, sizeof(out->ascii));
    out->nother = 0;
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(marks); i++) {
        Py_UCS4 ch = PyUnicode_READ_CHAR(marks, i);
        if (ch < 128) {
            out->ascii[ch] = 1;
        } else {
            if (out->nother == MAX_OTHER_MARKS) {
                PyErr_SetString(PyExc_ValueError, "at most 32 non-ASCII marks");
                return -1;
            }
            out->other[out->nother++] = ch;
        }
    }
    return 0;
}

/* Does text[lo:hi] (0 <= lo, hi <= len) hold a mark? */
static int
has_mark(int kind, const void *data, Py_ssize_t lo, Py_ssize_t hi, const marks_t *m)
{
    for (Py_ssize_t i = lo; i < hi; i++) {
        Py_UCS4 ch = PyUnicode_READ(kind, data, i);
        if (ch < 128) {
            if (m->ascii[ch])
                return 1;
        } else {
            for (Py_ssize_t k = 0; k < m->nother; k++)
                if (m->other[k] == ch)
                    return 1;
        }
    }
    return 0;
}

static PyObject *
align_sentence_ends(PyObject *self, PyObject *args)
{
    PyObject *text, *starts, *ends, *content, *marks;
    if (!PyArg_ParseTuple(args, "UO!O!O!U", &text, &PyList_Type, &starts, &PyList_Type,
                          &ends, &PyList_Type, &content, &marks))
        return NULL;
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t len = PyUnicode_GET_LENGTH(text);
    Py_ssize_t n = PyList_GET_SIZE(content);
    marks_t m;
    if (parse_marks(marks, &m) < 0)
        return NULL;
    PyObject *out = PySet_New(NULL);
    if (out == NULL || n == 0)
        return out;
    Py_ssize_t cur, nxt;
    if (list_index(content, 0, &cur) < 0)
        goto fail;
    for (Py_ssize_t p = 0; p + 1 < n; p++) {
        Py_ssize_t lo, hi;
        if (list_index(content, p + 1, &nxt) < 0 || list_index(ends, cur, &lo) < 0
            || list_index(starts, nxt, &hi) < 0)
            goto fail;
        cur = nxt;
        if (lo < 0)
            lo = 0;
        if (hi > len)
            hi = len;
        if (has_mark(kind, data, lo, hi, &m)) {
            PyObject *v = PyLong_FromSsize_t(p);
            if (v == NULL || PySet_Add(out, v) < 0) {
                Py_XDECREF(v);
                goto fail;
            }
            Py_DECREF(v);
        }
    }
    {
        PyObject *v = PyLong_FromSsize_t(n - 1);
        if (v == NULL || PySet_Add(out, v) < 0) {
            Py_XDECREF(v);
            goto fail;
        }
        Py_DECREF(v);
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* SentenceEnds(text, starts, ends, content, marks): the container of the same positions
 * as sentence_ends, each asked on demand (compare._SentenceEnds without a Python frame
 * per question). */
typedef struct {
    PyObject_HEAD
    PyObject *text, *starts, *ends, *content;
    marks_t marks;
} SentenceEndsObject;

/* (the lists may hold anything, this object too: GC support breaks such cycles) */
static int
se_traverse(SentenceEndsObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->text);
    Py_VISIT(self->starts);
    Py_VISIT(self->ends);
    Py_VISIT(self->content);
    return 0;
}

static int
se_clear(SentenceEndsObject *self)
{
    Py_CLEAR(self->content);
    Py_CLEAR(self->text);
    Py_CLEAR(self->starts);
    Py_CLEAR(self->ends);
    return 0;
}

static void
se_dealloc(SentenceEndsObject *self)
{
    PyObject_GC_UnTrack(self);
    se_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int
se_init(SentenceEndsObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *text, *starts, *ends, *content, *marks;
    if (kwds != NULL && PyDict_GET_SIZE(kwds)) {
        PyErr_SetString(PyExc_TypeError, "SentenceEnds takes no keyword arguments");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "UO!O!O!U", &text, &PyList_Type, &starts, &PyList_Type,
                          &ends, &PyList_Type, &content, &marks))
        return -1;
    /* (the marks into a local: a failed re-__init__ leaves the object as it was) */
    marks_t m;
    if (parse_marks(marks, &m) < 0)
        return -1;
    self->marks = m;
    Py_INCREF(text);
    Py_INCREF(starts);
    Py_INCREF(ends);
    Py_INCREF(content);
    Py_XSETREF(self->text, text);
    Py_XSETREF(self->starts, starts);
    Py_XSETREF(self->ends, ends);
    Py_XSETREF(self->content, content);
    return 0;
}

/* list[i] as Py_ssize_t with Python's indexing (negative from the end). */
static int
py_index(PyObject *list, Py_ssize_t i, Py_ssize_t *out)
{
    if (i < 0)
        i += PyList_GET_SIZE(list);
    return list_index(list, i, out);
}

static int
se_contains(SentenceEndsObject *self, PyObject *key)
{
    if (self->content == NULL || self->text == NULL || self->starts == NULL
        || self->ends == NULL) {
        PyErr_SetString(PyExc_ValueError, "SentenceEnds not initialised");
        return -1;
    }
    if (!PyLong_Check(key)) {
        PyErr_SetString(PyExc_TypeError, "SentenceEnds holds int positions");
        return -1;
    }
    Py_ssize_t n = PyList_GET_SIZE(self->content);
    Py_ssize_t p = PyLong_AsSsize_t(key);
    if (p == -1 && PyErr_Occurred()) {
        if (!PyErr_ExceptionMatches(PyExc_OverflowError))
            return -1;
        /* beyond Py_ssize_t: past the end (p + 1 >= len(content), so True, as in
         * compare._SentenceEnds) or before the start (an IndexError there) */
        PyErr_Clear();
        PyObject *zero = PyLong_FromLong(0);
        if (zero == NULL)
            return -1;
        int positive = PyObject_RichCompareBool(key, zero, Py_GT);
        Py_DECREF(zero);
        if (positive < 0)
            return -1;
        if (positive)
            return 1;
        PyErr_SetString(PyExc_IndexError, "list index out of range");
        return -1;
    }
    if (p >= n - 1)  /* p + 1 >= n, without overflow at PY_SSIZE_T_MAX */
        return 1;
    Py_ssize_t cp, cn, lo, hi;
    if (py_index(self->content, p, &cp) < 0 || py_index(self->content, p + 1, &cn) < 0
        || py_index(self->ends, cp, &lo) < 0 || py_index(self->starts, cn, &hi) < 0)
        return -1;
    Py_ssize_t len = PyUnicode_GET_LENGTH(self->text);
    /* text[lo:hi] as Python slices it */
    if (lo < 0)
        lo = lo + len < 0 ? 0 : lo + len;
    if (hi < 0)
        hi = hi + len < 0 ? 0 : hi + len;
    if (hi > len)
        hi = len;
    return has_mark(PyUnicode_KIND(self->text), PyUnicode_DATA(self->text), lo, hi,
                    &self->marks);
}

static PySequenceMethods se_as_sequence = {
    .sq_contains = (objobjproc)se_contains,
};

static PyTypeObject SentenceEndsType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "syndetect._align.SentenceEnds",
    .tp_basicsize = sizeof(SentenceEndsObject),
    .tp_dealloc = (destructor)se_dealloc,
    .tp_as_sequence = &se_as_sequence,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_traverse = (traverseproc)se_traverse,
    .tp_clear = (inquiry)se_clear,
    .tp_free = PyObject_GC_Del,
    .tp_doc = "SentenceEnds(text, starts, ends, content, marks): p in it when content "
              "position p ends a sentence (see sentence_ends)",
    .tp_init = (initproc)se_init,
    .tp_new = PyType_GenericNew,
};

/* ------------------------------------------------------------------------- */
/* Maker: a fast constructor of frozen slotted dataclasses                    */
/* ------------------------------------------------------------------------- */

#include <structmember.h>

#define MAKER_MAX 16

typedef struct {
    PyObject_HEAD
    PyTypeObject *cls;
    Py_ssize_t n;
    Py_ssize_t offsets[MAKER_MAX];
} MakerObject;

/* (a Maker refers to its class, and a class may hold its Maker: a cycle that only
 * the cycle collector can free, hence the GC support) */
static int
maker_traverse(MakerObject *self, visitproc visit, void *arg)
{
    Py_VISIT(self->cls);
    return 0;
}

static int
maker_clear(MakerObject *self)
{
    Py_CLEAR(self->cls);
    return 0;
}

static void
maker_dealloc(MakerObject *self)
{
    PyObject_GC_UnTrack(self);
    maker_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

/* The offsets of all the object slots (__slots__ entries) of type and its bases into
 * offs (at most MAKER_MAX); their number, or -1 with TypeError set where the type is
 * not one Maker can build: a C-level base other than object (its instances would need
 * that base's constructor), a custom __new__, or an abstract class. */
static Py_ssize_t
maker_slots(PyTypeObject *type, Py_ssize_t *offs)
{
    if (type->tp_itemsize != 0 || type->tp_new != PyBaseObject_Type.tp_new
        || type->tp_alloc != PyType_GenericAlloc
        || (type->tp_flags & Py_TPFLAGS_IS_ABSTRACT)) {
        PyErr_Format(PyExc_TypeError, "%s: variable-size, abstract or with its own "
                     "__new__ or allocator: not supported", type->tp_name);
        return -1;
    }
    PyObject *mro = type->tp_mro;
    if (mro == NULL || !PyTuple_Check(mro)) {
        PyErr_SetString(PyExc_TypeError, "type not ready");
        return -1;
    }
    Py_ssize_t count = 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
        PyTypeObject *t = (PyTypeObject *)PyTuple_GET_ITEM(mro, i);
        if (t == &PyBaseObject_Type)
            continue;
        if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE)) {
            PyErr_Format(PyExc_TypeError, "%s: a C-level base (%s) other than object is "
                         "not supported", type->tp_name, t->tp_name);
            return -1;
        }
        /* (a class statement's __slots__ are its tp_members, of type T_OBJECT_EX) */
        for (PyMemberDef *m = t->tp_members; m != NULL && m->name != NULL; m++) {
            if (m->type != T_OBJECT_EX)
                continue;
            if (count == MAKER_MAX) {
                PyErr_SetString(PyExc_ValueError, "too many fields");
                return -1;
            }
            offs[count++] = m->offset;
        }
    }
    return count;
}

static int
maker_init(MakerObject *self, PyObject *args, PyObject *kwds)
{
    PyObject *cls, *fields;
    if (kwds != NULL && PyDict_GET_SIZE(kwds)) {
        PyErr_SetString(PyExc_TypeError, "Maker takes no keyword arguments");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "O!O!", &PyType_Type, &cls, &PyTuple_Type, &fields))
        return -1;
    Py_ssize_t n = PyTuple_GET_SIZE(fields);
    if (n > MAKER_MAX) {
        PyErr_SetString(PyExc_ValueError, "too many fields");
        return -1;
    }
    PyTypeObject *type = (PyTypeObject *)cls;
    /* Everything goes into locals first: self changes only once all is checked (a
     * failed re-__init__ leaves the Maker as it was). The class is held meanwhile:
     * looking up attributes can run Python code. */
    Py_ssize_t offsets[MAKER_MAX], slots[MAKER_MAX];
    int rc = -1;
    Py_INCREF(cls);
    Py_ssize_t nslots = maker_slots(type, slots);
    if (nslots < 0)
        goto done;
    int has_post_init = PyObject_HasAttrString(cls, "__post_init__");
    if (has_post_init) {
        PyErr_Format(PyExc_TypeError, "%s has a __post_init__: Maker would skip it",
                     type->tp_name);
        goto done;
    }
    if (n != nslots) {
        PyErr_Format(PyExc_TypeError, "%s has %zd object slots, not the %zd fields given",
                     type->tp_name, nslots, n);
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *name = PyTuple_GET_ITEM(fields, i);
        if (!PyUnicode_Check(name)) {
            PyErr_SetString(PyExc_TypeError, "field names must be str");
            goto done;
        }
        /* The slot of each field: a member descriptor holding an object. */
        PyObject *descr = PyObject_GetAttr(cls, name);
        if (descr == NULL)
            goto done;
        int ok = PyObject_TypeCheck(descr, &PyMemberDescr_Type);
        PyMemberDef *m = ok ? ((PyMemberDescrObject *)descr)->d_member : NULL;
        ok = ok && m->type == T_OBJECT_EX && !(m->flags & READONLY)
             && PyType_IsSubtype(type, PyDescr_TYPE(descr))
             && m->offset >= (Py_ssize_t)sizeof(PyObject)
             && m->offset + (Py_ssize_t)sizeof(PyObject *) <= type->tp_basicsize;
        Py_ssize_t off = ok ? m->offset : -1;
        Py_DECREF(descr);
        /* one of the slots, each once: then the fields fill every slot */
        Py_ssize_t found = -1;
        for (Py_ssize_t j = 0; ok && j < nslots && found < 0; j++)
            if (slots[j] == off)
                found = j;
        if (found < 0) {
            PyErr_Format(PyExc_TypeError, "field %R is no object slot", name);
            goto done;
        }
        slots[found] = -1;
        offsets[i] = off;
    }
    memcpy(self->offsets, offsets, (size_t)n * sizeof(Py_ssize_t));
    self->n = n;
    Py_INCREF(cls);
    Py_XSETREF(self->cls, type);
    rc = 0;
done:
    Py_DECREF(cls);
    return rc;
}

static PyObject *
maker_call(MakerObject *self, PyObject *args, PyObject *kwds)
{
    if (self->cls == NULL) {
        PyErr_SetString(PyExc_ValueError, "Maker not initialised");
        return NULL;
    }
    if ((kwds != NULL && PyDict_GET_SIZE(kwds)) || PyTuple_GET_SIZE(args) != self->n) {
        PyErr_Format(PyExc_TypeError, "%s maker takes exactly %zd positional arguments",
                     self->cls->tp_name, self->n);
        return NULL;
    }
    /* (tp_alloc may collect garbage, run finalizers and so re-__init__ or free this
     * Maker: what it writes is read before) */
    PyTypeObject *cls = self->cls;
    Py_ssize_t n = self->n, offsets[MAKER_MAX];
    memcpy(offsets, self->offsets, (size_t)n * sizeof(Py_ssize_t));
    Py_INCREF(cls);
    PyObject *obj = cls->tp_alloc(cls, 0);
    if (obj != NULL) {
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *v = PyTuple_GET_ITEM(args, i);
            PyObject **slot = (PyObject **)((char *)obj + offsets[i]);
            Py_INCREF(v);
            Py_XSETREF(*slot, v);
        }
    }
    Py_DECREF(cls);
    return obj;
}

static PyTypeObject MakerType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "syndetect._align.Maker",
    .tp_basicsize = sizeof(MakerObject),
    .tp_dealloc = (destructor)maker_dealloc,
    .tp_call = (ternaryfunc)maker_call,
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "Maker(cls, fields): calling it with one value per field makes an instance "
              "of cls with those values in its slots, as the __init__ of a frozen slotted "
              "dataclass does. cls must be a plain class (no C-level base but object, no "
              "__new__, no __post_init__) whose slots are exactly the fields, else "
              "TypeError",
    .tp_traverse = (traverseproc)maker_traverse,
    .tp_clear = (inquiry)maker_clear,
    .tp_init = (initproc)maker_init,
    .tp_new = PyType_GenericNew,
    .tp_free = PyObject_GC_Del,
};

static PyMethodDef align_methods[] = {
    {"heaviest_chain", align_heaviest_chain, METH_VARARGS,
     "heaviest_chain(tiles) -> [bool]: the tiles (x0, y0, n), sorted by x0, on the "
     "heaviest chain increasing in y0 (align._heaviest_chain)"},
    {"sentence_ends", align_sentence_ends, METH_VARARGS,
     "sentence_ends(text, starts, ends, content, marks) -> set of the content positions "
     "p with a mark in text[ends[content[p]]:starts[content[p + 1]]], and the last one"},
    {"common_ends", align_common_ends, METH_VARARGS,
     "common_ends(x, y) -> (head, tail): the common prefix of x and y, and the common "
     "suffix of x[head:] and y[head:]"},
    {"maximal_matches", align_maximal_matches, METH_VARARGS,
     "maximal_matches(x, y, k, max_repeat) -> [(x0, y0, length)]"},
    {"tile", align_tile, METH_VARARGS,
     "tile(matches, x, y, min_len, occ_x, occ_y) -> [(x0, y0, n)] (occ updated)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef align_module = {
    PyModuleDef_HEAD_INIT, "_align",
    "Seeding and tiling of syndetect.align in C (optional accelerator).", -1,
    align_methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC
PyInit__align(void)
{
    if (PyType_Ready(&SentenceEndsType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&align_module);
    if (m == NULL)
        return NULL;
    Py_INCREF(&SentenceEndsType);
    if (PyModule_AddObject(m, "SentenceEnds", (PyObject *)&SentenceEndsType) < 0) {
        Py_DECREF(&SentenceEndsType);
        Py_DECREF(m);
        return NULL;
    }
    if (PyType_Ready(&MakerType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    Py_INCREF(&MakerType);
    if (PyModule_AddObject(m, "Maker", (PyObject *)&MakerType) < 0) {
        Py_DECREF(&MakerType);
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
