/* SPDX-License-Identifier: BSD-3-Clause */
/* The client's TUN device: creation, its address, routes through it. */
#ifndef VAMC_TUN_H
#define VAMC_TUN_H

#include <stdint.h>

/* Open (create) TUN name, set addr/32, MTU and bring it up; returns the fd or -1 (errno). */
int tun_open(const char *name, uint32_t addr, unsigned int mtu);
/* Route prefix/len through the device; 0, or -1 (an existing route is not an error). */
int tun_route(const char *name, uint32_t prefix, uint8_t len);

#endif
