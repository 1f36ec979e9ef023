/*
 * syndetect._fingerprint: the two hot loops of syndetect.fingerprint in C.
 *
 * Optional accelerator. fingerprint.py holds numpy implementations of both (its
 * reference) and runs them when this module is not compiled; the results are
 * identical, which tests/test_fingerprint.py checks.
 *
 * The token hashes follow the published XXH3 specification
 * (github.com/Cyan4973/xxHash, doc/xxhash_spec.md) with the default secret; the
 * tests check them against the xxhash package for every key length from 0 to 299
 * bytes.
 *
 * hash_keys(keys, seed, out) -> list[int]
 *   keys  a list of lists of str (the token keys of each text, in order)
 *   seed  the 64-bit seed
 *   out   writable buffer of at least sum(len(k) for k in keys) uint64 values
 *   writes xxh3_64(key.encode("utf-8"), seed) of every key, in order, into out,
 *   except for keys longer than 240 UTF-8 bytes (or holding a lone surrogate),
 *   whose positions it returns, for the caller to hash with the xxhash package.
 *
 * minhash(shingles, bounds, a, b, out)
 *   shingles  uint32 buffer: the shingle hashes of consecutive units
 *   bounds    int64 buffer of units + 1 offsets: unit u has shingles
 *             bounds[u] .. bounds[u+1]-1 (at least one)
 *   a, b      uint32 buffers of num_perm values: the permutations x -> a*x + b
 *             (mod 2**32)
 *   out       writable uint32 buffer of units x num_perm values, row by row:
 *             out[u][k] = min over unit u's shingles x of a[k]*x + b[k]
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_SHORT 240

static const unsigned char SECRET[192] = {
    0xb8, 0xfe, 0x6c, 0x39, 0x23, 0xa4, 0x4b, 0xbe, 0x7c, 0x01, 0x81, 0x2c, 0xf7, 0x21, 0xad, 0x1c,
    0xde, 0xd4, 0x6d, 0xe9, 0x83, 0x90, 0x97, 0xdb, 0x72, 0x40, 0xa4, 0xa4, 0xb7, 0xb3, 0x67, 0x1f,
    0xcb, 0x79, 0xe6, 0x4e, 0xcc, 0xc0, 0xe5, 0x78, 0x82, 0x5a, 0xd0, 0x7d, 0xcc, 0xff, 0x72, 0x21,
    0xb8, 0x08, 0x46, 0x74, 0xf7, 0x43, 0x24, 0x8e, 0xe0, 0x35, 0x90, 0xe6, 0x81, 0x3a, 0x26, 0x4c,
    0x3c, 0x28, 0x52, 0xbb, 0x91, 0xc3, 0x00, 0xcb, 0x88, 0xd0, 0x65, 0x8b, 0x1b, 0x53, 0x2e, 0xa3,
    0x71, 0x64, 0x48, 0x97, 0xa2, 0x0d, 0xf9, 0x4e, 0x38, 0x19, 0xef, 0x46, 0xa9, 0xde, 0xac, 0xd8,
    0xa8, 0xfa, 0x76, 0x3f, 0xe3, 0x9c, 0x34, 0x3f, 0xf9, 0xdc, 0xbb, 0xc7, 0xc7, 0x0b, 0x4f, 0x1d,
    0x8a, 0x51, 0xe0, 0x4b, 0xcd, 0xb4, 0x59, 0x31, 0xc8, 0x9f, 0x7e, 0xc9, 0xd9, 0x78, 0x73, 0x64,
    0xea, 0xc5, 0xac, 0x83, 0x34, 0xd3, 0xeb, 0xc3, 0xc5, 0x81, 0xa0, 0xff, 0xfa, 0x13, 0x63, 0xeb,
    0x17, 0x0d, 0xdd, 0x51, 0xb7, 0xf0, 0xda, 0x49, 0xd3, 0x16, 0x55, 0x26, 0x29, 0xd4, 0x68, 0x9e,
    0x2b, 0x16, 0xbe, 0x58, 0x7d, 0x47, 0xa1, 0xfc, 0x8f, 0xf8, 0xb8, 0xd1, 0x7a, 0xd0, 0x31, 0xce,
    0x45, 0xcb, 0x3a, 0x8f, 0x95, 0x16, 0x04, 0x28, 0xaf, 0xd7, 0xfb, 0xca, 0xbb, 0x4b, 0x40, 0x7e,
};

#define P32_1 0x9E3779B1u
#define P64_1 0x9E3779B185EBCA87ull
#define P64_2 0xC2B2AE3D27D4EB4Full
#define P64_3 0x165667B19E3779F9ull

static inline uint32_t
read32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t
read64(const unsigned char *p)
{
    return (uint64_t)read32(p) | (uint64_t)read32(p + 4) << 32;
}

static inline uint64_t
swap64(uint64_t x)
{
    return ((x << 56) & 0xff00000000000000ull) | ((x << 40) & 0x00ff000000000000ull) |
           ((x << 24) & 0x0000ff0000000000ull) | ((x << 8) & 0x000000ff00000000ull) |
           ((x >> 8) & 0x00000000ff000000ull) | ((x >> 24) & 0x0000000000ff0000ull) |
           ((x >> 40) & 0x000000000000ff00ull) | ((x >> 56) & 0x00000000000000ffull);
}

static inline uint32_t
swap32(uint32_t x)
{
    return ((x << 24) & 0xff000000u) | ((x << 8) & 0x00ff0000u) | ((x >> 8) & 0x0000ff00u) |
           ((x >> 24) & 0x000000ffu);
}

static inline uint64_t
rotl64(uint64_t x, int r)
{
    return (x << r) | (x >> (64 - r));
}

/* low 64 bits xor high 64 bits of the 128-bit product */
static inline uint64_t
mul128_fold64(uint64_t a, uint64_t b)
{
#ifdef __SIZEOF_INT128__
    __uint128_t p = (__uint128_t)a * b;
    return (uint64_t)p ^ (uint64_t)(p >> 64);
#else
    uint64_t lo_lo = (a & 0xFFFFFFFFu) * (b & 0xFFFFFFFFu);
    uint64_t hi_lo = (a >> 32) * (b & 0xFFFFFFFFu);
    uint64_t lo_hi = (a & 0xFFFFFFFFu) * (b >> 32);
    uint64_t hi_hi = (a >> 32) * (b >> 32);
    uint64_t cross = (lo_lo >> 32) + (hi_lo & 0xFFFFFFFFu) + lo_hi;
    uint64_t upper = (hi_lo >> 32) + (cross >> 32) + hi_hi;
    uint64_t lower = (cross << 32) | (lo_lo & 0xFFFFFFFFu);
    return lower ^ upper;
#endif
}

static inline uint64_t
xxh64_avalanche(uint64_t h)
{
    h ^= h >> 33;
    h *= P64_2;
    h ^= h >> 29;
    h *= P64_3;
    return h ^ (h >> 32);
}

static inline uint64_t
xxh3_avalanche(uint64_t h)
{
    h ^= h >> 37;
    h *= 0x165667919E3779F9ull;
    return h ^ (h >> 32);
}

static inline uint64_t
mix16(const unsigned char *in, const unsigned char *sec, uint64_t seed)
{
    return mul128_fold64(read64(in) ^ (read64(sec) + seed), read64(in + 8) ^ (read64(sec + 8) - seed));
}

/* XXH3-64 of in[0:len], len <= 240, with the default secret and ``seed`` */
static uint64_t
xxh3_short(const unsigned char *in, size_t len, uint64_t seed)
{
    if (len == 0)
        return xxh64_avalanche(seed ^ (read64(SECRET + 56) ^ read64(SECRET + 64)));
    if (len <= 3) {
        uint32_t combined = ((uint32_t)in[0] << 16) | ((uint32_t)in[len >> 1] << 24) |
                            (uint32_t)in[len - 1] | ((uint32_t)len << 8);
        uint64_t bitflip = (uint64_t)(read32(SECRET) ^ read32(SECRET + 4)) + seed;
        return xxh64_avalanche((uint64_t)combined ^ bitflip);
    }
    if (len <= 8) {
        uint64_t s = seed ^ ((uint64_t)swap32((uint32_t)seed) << 32);
        uint64_t bitflip = (read64(SECRET + 8) ^ read64(SECRET + 16)) - s;
        uint64_t h = (read32(in + len - 4) + ((uint64_t)read32(in) << 32)) ^ bitflip;
        h ^= rotl64(h, 49) ^ rotl64(h, 24);
        h *= 0x9FB21C651E98DF25ull;
        h ^= (h >> 35) + len;
        h *= 0x9FB21C651E98DF25ull;
        return h ^ (h >> 28);
    }
    if (len <= 16) {
        uint64_t lo = read64(in) ^ ((read64(SECRET + 24) ^ read64(SECRET + 32)) + seed);
        uint64_t hi = read64(in + len - 8) ^ ((read64(SECRET + 40) ^ read64(SECRET + 48)) - seed);
        return xxh3_avalanche(len + swap64(lo) + hi + mul128_fold64(lo, hi));
    }
    uint64_t acc = len * P64_1;
    if (len <= 128) {
        if (len > 32) {
            if (len > 64) {
                if (len > 96) {
                    acc += mix16(in + 48, SECRET + 96, seed);
                    acc += mix16(in + len - 64, SECRET + 112, seed);
                }
                acc += mix16(in + 32, SECRET + 64, seed);
                acc += mix16(in + len - 48, SECRET + 80, seed);
            }
            acc += mix16(in + 16, SECRET + 32, seed);
            acc += mix16(in + len - 32, SECRET + 48, seed);
        }
        acc += mix16(in, SECRET, seed);
        acc += mix16(in + len - 16, SECRET + 16, seed);
        return xxh3_avalanche(acc);
    }
    size_t rounds = len / 16;
    for (size_t i = 0; i < 8; i++)
        acc += mix16(in + 16 * i, SECRET + 16 * i, seed);
    acc = xxh3_avalanche(acc);
    for (size_t i = 8; i < rounds; i++)
        acc += mix16(in + 16 * i, SECRET + 16 * (i - 8) + 3, seed);
    acc += mix16(in + len - 16, SECRET + 136 - 17, seed);
    return xxh3_avalanche(acc);
}

/* UTF-8 of a str into buf (MAX_SHORT bytes); -1 when longer or not encodable */
static Py_ssize_t
utf8_of(PyObject *s, unsigned char *buf, const unsigned char **out)
{
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (PyUnicode_IS_ASCII(s)) {
        if (n > MAX_SHORT)
            return -1;
        *out = (const unsigned char *)data;
        return n;
    }
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (c < 0x80) {
            if (k + 1 > MAX_SHORT)
                return -1;
            buf[k++] = (unsigned char)c;
        } else if (c < 0x800) {
            if (k + 2 > MAX_SHORT)
                return -1;
            buf[k++] = (unsigned char)(0xC0 | (c >> 6));
            buf[k++] = (unsigned char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            if ((c >= 0xD800 && c <= 0xDFFF) || k + 3 > MAX_SHORT)
                return -1;
            buf[k++] = (unsigned char)(0xE0 | (c >> 12));
            buf[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            buf[k++] = (unsigned char)(0x80 | (c & 0x3F));
        } else {
            if (k + 4 > MAX_SHORT)
                return -1;
            buf[k++] = (unsigned char)(0xF0 | (c >> 18));
            buf[k++] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
            buf[k++] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
            buf[k++] = (unsigned char)(0x80 | (c & 0x3F));
        }
    }
    *out = buf;
    return k;
}

static PyObject *
fp_hash_keys(PyObject *self, PyObject *args)
{
    PyObject *lists;
    unsigned long long seed;
    Py_buffer out;
    if (!PyArg_ParseTuple(args, "O!Kw*", &PyList_Type, &lists, &seed, &out))
        return NULL;
    PyObject *skipped = PyList_New(0);
    if (skipped == NULL) {
        PyBuffer_Release(&out);
        return NULL;
    }
    uint64_t *dst = (uint64_t *)out.buf;
    Py_ssize_t cap = out.len / (Py_ssize_t)sizeof(uint64_t);
    Py_ssize_t pos = 0;
    unsigned char buf[MAX_SHORT];
    for (Py_ssize_t li = 0; li < PyList_GET_SIZE(lists); li++) {
        PyObject *keys = PyList_GET_ITEM(lists, li);
        if (!PyList_Check(keys)) {
            PyErr_SetString(PyExc_TypeError, "hash_keys needs a list of lists of str");
            goto fail;
        }
        Py_ssize_t n = PyList_GET_SIZE(keys);
        if (n > cap - pos) {
            PyErr_SetString(PyExc_ValueError, "hash_keys: output buffer too small");
            goto fail;
        }
        for (Py_ssize_t i = 0; i < n; i++, pos++) {
            PyObject *k = PyList_GET_ITEM(keys, i);
            if (!PyUnicode_Check(k)) {
                PyErr_SetString(PyExc_TypeError, "hash_keys needs a list of lists of str");
                goto fail;
            }
            const unsigned char *bytes;
            Py_ssize_t len = utf8_of(k, buf, &bytes);
            if (len < 0) {
                PyObject *p = PyLong_FromSsize_t(pos);
                if (p == NULL || PyList_Append(skipped, p) < 0) {
                    Py_XDECREF(p);
                    goto fail;
                }
                Py_DECREF(p);
                dst[pos] = 0;
                continue;
            }
            dst[pos] = xxh3_short(bytes, (size_t)len, (uint64_t)seed);
        }
    }
    PyBuffer_Release(&out);
    return skipped;
fail:
    PyBuffer_Release(&out);
    Py_DECREF(skipped);
    return NULL;
}

/* One unit's row: the minimum of a*x + b over its shingles. Compiled twice where the
 * compiler can (AVX2 and the baseline), the best chosen when the module loads. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__) && \
    defined(__GLIBC__) /* target clones need glibc's ifunc */
__attribute__((target_clones("avx2", "default")))
#endif
static void
minhash_row(const uint32_t *restrict sh, Py_ssize_t n, const uint32_t *restrict a,
            const uint32_t *restrict b, Py_ssize_t perms, uint32_t *restrict row)
{
    for (Py_ssize_t k = 0; k < perms; k++)
        row[k] = 0xFFFFFFFFu;
    for (Py_ssize_t s = 0; s < n; s++) {
        uint32_t x = sh[s];
        for (Py_ssize_t k = 0; k < perms; k++) {
            uint32_t v = a[k] * x + b[k];
            row[k] = v < row[k] ? v : row[k];
        }
    }
}

static PyObject *
fp_minhash(PyObject *self, PyObject *args)
{
    Py_buffer sh, bounds, a, b, out;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*", &sh, &bounds, &a, &b, &out))
        return NULL;
    PyObject *result = NULL;
    Py_ssize_t n_sh = sh.len / 4, units = bounds.len / 8 - 1, perms = a.len / 4;
    const int64_t *bd = (const int64_t *)bounds.buf;
    if (units < 0 || b.len != a.len || out.len != units * perms * 4 || sh.len % 4 ||
        bounds.len % 8 || a.len % 4) {
        PyErr_SetString(PyExc_ValueError, "minhash: buffer sizes do not agree");
        goto done;
    }
    for (Py_ssize_t u = 0; u < units; u++) {
        if (bd[u] < 0 || bd[u] >= bd[u + 1] || bd[u + 1] > n_sh) {
            PyErr_SetString(PyExc_ValueError, "minhash: bounds out of order or range");
            goto done;
        }
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t u = 0; u < units; u++)
        minhash_row((const uint32_t *)sh.buf + bd[u], (Py_ssize_t)(bd[u + 1] - bd[u]),
                    (const uint32_t *)a.buf, (const uint32_t *)b.buf, perms,
                    (uint32_t *)out.buf + u * perms);
    Py_END_ALLOW_THREADS
    result = Py_NewRef(Py_None);
done:
    PyBuffer_Release(&sh);
    PyBuffer_Release(&bounds);
    PyBuffer_Release(&a);
    PyBuffer_Release(&b);
    PyBuffer_Release(&out);
    return result;
}

static PyMethodDef fingerprint_methods[] = {
    {"hash_keys", fp_hash_keys, METH_VARARGS,
     "hash_keys(keys, seed, out): seeded XXH3-64 of each key's UTF-8 into out; "
     "returns the positions of keys left to the caller (over 240 bytes)"},
    {"minhash", fp_minhash, METH_VARARGS,
     "minhash(shingles, bounds, a, b, out): MinHash rows of consecutive units into out"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef fingerprint_module = {
    PyModuleDef_HEAD_INIT, "_fingerprint",
    "Token key hashes and MinHash rows for syndetect.fingerprint.", -1, fingerprint_methods,
};

PyMODINIT_FUNC
PyInit__fingerprint(void)
{
    return PyModule_Create(&fingerprint_module);
}
