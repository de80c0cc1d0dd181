/* SPDX-License-Identifier: BSD-3-Clause */
#include "pcapgen.h"

int main(int argc, char **argv)
{
	return vam_pcapgen_run(argc, argv);
}
