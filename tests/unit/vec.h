/* SPDX-License-Identifier: BSD-3-Clause */
/* The shared test vectors, reproduced byte for byte (tests/vectors/). */
#ifndef VAM_VEC_H
#define VAM_VEC_H

#include <check.h>

/* Vectors fully checked so far (the runner does not fork, so this adds up). */
extern unsigned long vec_checked;

TCase *vec_basic_tcase(void);
TCase *vec_handshake_tcase(void);
TCase *vec_invalid_tcase(void);

#endif
