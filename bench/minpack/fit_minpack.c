/*
 * Fits the rows of a GpuLm benchmark data file with netlib Fortran MINPACK
 * (Debian libminpack), one row after another on one thread, with C residual
 * and Jacobian functions: the per-fit baseline GpuLm's CPU accelerator is
 * measured against.
 *
 * usage: fit_minpack DATA.bin lmder|lmdif [OUT.bin]
 *
 * DATA.bin (little-endian): int32 model, B, m, n, d; double vars[m*d] (shared
 * by all rows), y[B*m], x0[B*n]. Models: 0 exp_decay a*exp(-t/tau) + b,
 * 1 gauss1d a*exp(-(x-x0)^2/(2*sigma^2)) + b, 2 gauss2d
 * a*exp(-((x-x0)^2 + (y-y0)^2)/(2*sigma^2)) + b; residual f - y, values in the
 * order written (squares as products), as GpuLm's models evaluate them.
 * OUT.bin: double x[B*n], int32 ier[B], nfev[B].
 * Prints one line: mode B seconds fits_per_second.
 */
#include <math.h>
#include <minpack.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int model, npoints, nparams, ndims;
static const double *vars, *ydata;

static double value(const double *p, const double *v)
{
    switch (model) {
    case 0:
        return p[0] * exp(-v[0] / p[1]) + p[2];
    case 1: {
        double d = v[0] - p[1];
        return p[0] * exp(-(d * d) / (2.0 * (p[2] * p[2]))) + p[3];
    }
    default: {
        double dx = v[0] - p[1], dy = v[1] - p[2];
        return p[0] * exp(-(dx * dx + dy * dy) / (2.0 * (p[3] * p[3]))) + p[4];
    }
    }
}

/* row i of the Jacobian, dfdp[j] = df/dp_j */
static void gradient(const double *p, const double *v, double *dfdp)
{
    switch (model) {
    case 0: {
        double e = exp(-v[0] / p[1]);
        dfdp[0] = e;
        dfdp[1] = p[0] * e * v[0] / (p[1] * p[1]);
        dfdp[2] = 1.0;
        break;
    }
    case 1: {
        double d = v[0] - p[1], s2 = p[2] * p[2];
        double e = exp(-(d * d) / (2.0 * s2));
        dfdp[0] = e;
        dfdp[1] = p[0] * e * d / s2;
        dfdp[2] = p[0] * e * d * d / (s2 * p[2]);
        dfdp[3] = 1.0;
        break;
    }
    default: {
        double dx = v[0] - p[1], dy = v[1] - p[2], s2 = p[3] * p[3];
        double e = exp(-(dx * dx + dy * dy) / (2.0 * s2));
        dfdp[0] = e;
        dfdp[1] = p[0] * e * dx / s2;
        dfdp[2] = p[0] * e * dy / s2;
        dfdp[3] = p[0] * e * (dx * dx + dy * dy) / (s2 * p[3]);
        dfdp[4] = 1.0;
        break;
    }
    }
}

static void fcn_lmdif(int *m, int *n, double *x, double *fvec, int *iflag)
{
    (void)n;
    (void)iflag;
    for (int i = 0; i < *m; i++)
        fvec[i] = value(x, vars + i * ndims) - ydata[i];
}

static void fcn_lmder(int *m, int *n, double *x, double *fvec, double *fjac, int *ldfjac, int *iflag)
{
    if (*iflag == 1) {
        fcn_lmdif(m, n, x, fvec, iflag);
        return;
    }
    double g[16];
    for (int i = 0; i < *m; i++) {
        gradient(x, vars + i * ndims, g);
        for (int j = 0; j < *n; j++)
            fjac[i + j * *ldfjac] = g[j];
    }
}

static void read_all(FILE *f, void *dst, size_t size, size_t count, const char *what)
{
    if (fread(dst, size, count, f) != count) {
        fprintf(stderr, "fit_minpack: the data file ends before %s\n", what);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[2], "lmder") != 0 && strcmp(argv[2], "lmdif") != 0)) {
        fprintf(stderr, "usage: fit_minpack DATA.bin lmder|lmdif [OUT.bin]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    int header[5];
    read_all(f, header, sizeof(int), 5, "the header");
    model = header[0];
    int rows = header[1];
    npoints = header[2];
    nparams = header[3];
    ndims = header[4];
    double *v = malloc(sizeof(double) * (size_t)npoints * ndims);
    double *y = malloc(sizeof(double) * (size_t)rows * npoints);
    double *x0 = malloc(sizeof(double) * (size_t)rows * nparams);
    read_all(f, v, sizeof(double), (size_t)npoints * ndims, "the variables");
    read_all(f, y, sizeof(double), (size_t)rows * npoints, "y");
    read_all(f, x0, sizeof(double), (size_t)rows * nparams, "x0");
    fclose(f);
    vars = v;

    int analytic = strcmp(argv[2], "lmder") == 0;
    int m = npoints, n = nparams, ldfjac = m, mode = 1, nprint = 0;
    int maxfev = (analytic ? 100 : 200) * (n + 1);
    double ftol = 1.49012e-8, xtol = 1.49012e-8, gtol = 0.0, factor = 100.0;
    double epsfcn = 2.220446049250313e-16;
    double *fvec = malloc(sizeof(double) * m), *fjac = malloc(sizeof(double) * m * n);
    double diag[16], qtf[16], wa1[16], wa2[16], wa3[16], *wa4 = malloc(sizeof(double) * m);
    int ipvt[16];
    double *xs = malloc(sizeof(double) * (size_t)rows * n);
    int *iers = malloc(sizeof(int) * rows), *nfevs = malloc(sizeof(int) * rows);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int b = 0; b < rows; b++) {
        double *x = xs + (size_t)b * n;
        memcpy(x, x0 + (size_t)b * n, sizeof(double) * n);
        ydata = y + (size_t)b * m;
        int info = 0, nfev = 0, njev = 0;
        if (analytic)
            lmder_(fcn_lmder, &m, &n, x, fvec, fjac, &ldfjac, &ftol, &xtol, &gtol, &maxfev, diag, &mode,
                   &factor, &nprint, &info, &nfev, &njev, ipvt, qtf, wa1, wa2, wa3, wa4);
        else
            lmdif_(fcn_lmdif, &m, &n, x, fvec, &ftol, &xtol, &gtol, &maxfev, &epsfcn, diag, &mode, &factor,
                   &nprint, &info, &nfev, fjac, &ldfjac, ipvt, qtf, wa1, wa2, wa3, wa4);
        iers[b] = info;
        nfevs[b] = nfev;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double seconds = (t1.tv_sec - t0.tv_sec) + 1e-9 * (t1.tv_nsec - t0.tv_nsec);
    printf("%s %d %.6f %.1f\n", argv[2], rows, seconds, rows / seconds);

    if (argc > 3) {
        FILE *o = fopen(argv[3], "wb");
        if (!o) {
            perror(argv[3]);
            return 2;
        }
        fwrite(xs, sizeof(double), (size_t)rows * n, o);
        fwrite(iers, sizeof(int), rows, o);
        fwrite(nfevs, sizeof(int), rows, o);
        fclose(o);
    }
    return 0;
}
