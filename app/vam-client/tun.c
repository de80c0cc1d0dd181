/* SPDX-License-Identifier: BSD-3-Clause */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tun.h"

static void set_sin(struct sockaddr *sa, uint32_t addr)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)sa;

	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = htonl(addr);
}

static int if_config(const char *name, uint32_t addr, unsigned int mtu)
{
	struct ifreq ifr;
	int s = socket(AF_INET, SOCK_DGRAM, 0), rc = -1;

	if (s < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	set_sin(&ifr.ifr_addr, addr);
	if (ioctl(s, SIOCSIFADDR, &ifr) < 0)
		goto out;
	set_sin(&ifr.ifr_netmask, 0xffffffffu);
	if (ioctl(s, SIOCSIFNETMASK, &ifr) < 0)
		goto out;
	ifr.ifr_mtu = (int)mtu;
	if (ioctl(s, SIOCSIFMTU, &ifr) < 0)
		goto out;
	if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
		goto out;
	ifr.ifr_flags |= IFF_UP | IFF_RUNNING;
	rc = ioctl(s, SIOCSIFFLAGS, &ifr);
out:
	close(s);
	return rc;
}

int tun_open(const char *name, uint32_t addr, unsigned int mtu)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TUN | IFF_NO_PI;
	strncpy(ifr.ifr_name, name, IFNAMSIZ - 1);
	if (ioctl(fd, TUNSETIFF, &ifr) < 0 || if_config(name, addr, mtu) < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

int tun_route(const char *name, uint32_t prefix, uint8_t len)
{
	struct rtentry rt;
	char dev[IFNAMSIZ];
	int s = socket(AF_INET, SOCK_DGRAM, 0), rc;

	if (s < 0)
		return -1;
	memset(&rt, 0, sizeof(rt));
	strncpy(dev, name, sizeof(dev) - 1);
	dev[sizeof(dev) - 1] = 0;
	set_sin(&rt.rt_dst, prefix);
	set_sin(&rt.rt_genmask, len ? 0xffffffffu << (32 - len) : 0);
	rt.rt_flags = RTF_UP | (len == 32 ? RTF_HOST : 0);
	rt.rt_dev = dev;
	rc = ioctl(s, SIOCADDRT, &rt);
	if (rc < 0 && errno == EEXIST)
		rc = 0;
	close(s);
	return rc;
}
