/* SPDX-License-Identifier: BSD-3-Clause */
/* The pcap generator, callable from vam-pcapgen and from vam-loadgen --pcap-out. */
#ifndef VAM_PCAPGEN_H
#define VAM_PCAPGEN_H

/* Parse vam-pcapgen's options from argv (argv[0] is a name) and write the files. */
int vam_pcapgen_run(int argc, char **argv);

#endif
