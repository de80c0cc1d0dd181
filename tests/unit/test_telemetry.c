/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The telemetry commands through DPDK's real telemetry socket: EAL without
 * hugepages (telemetry on), a server driven by the harness, replies parsed
 * as JSON. EAL and the telemetry threads live in this process: CK_NOFORK.
 */
#include <check.h>
#include <cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "ctl_telemetry.h"
#include "srvharness.h"
#include "vam_format.h"

#define TEL_OUTPUT_MAX 16384

static struct h_world w;
static struct h_client a, b;
static int sock = -1;
static char reply[65536];
static size_t reply_len;

static void tel_connect(void)
{
	struct sockaddr_un sun = { .sun_family = AF_UNIX };
	struct timeval tv = { .tv_sec = 5 };
	ssize_t n;

	snprintf(sun.sun_path, sizeof(sun.sun_path), "%s/dpdk_telemetry.v2",
		 rte_eal_get_runtime_dir());
	sock = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	ck_assert_int_ge(sock, 0);
	ck_assert_int_eq(setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	ck_assert_msg(connect(sock, (struct sockaddr *)&sun, sizeof(sun)) == 0, "connect %s: %s",
		      sun.sun_path, strerror(errno));
	n = recv(sock, reply, sizeof(reply) - 1, 0);
	ck_assert_msg(n > 0, "no greeting: %s", strerror(errno));
	reply[n] = '\0';
	ck_assert_msg(strstr(reply, "\"max_output_len\"") != NULL, "greeting: %s", reply);
}

/* Send cmd; the reply is {"<cmd without parameters>": value}. Free *root. */
static cJSON *query(const char *cmd, cJSON **root)
{
	char key[64];
	cJSON *v;
	ssize_t n;

	ck_assert_int_eq(send(sock, cmd, strlen(cmd), 0), (ssize_t)strlen(cmd));
	n = recv(sock, reply, sizeof(reply) - 1, 0);
	ck_assert_msg(n > 0, "%s: no reply: %s", cmd, strerror(errno));
	reply[n] = '\0';
	reply_len = (size_t)n;
	*root = cJSON_Parse(reply);
	ck_assert_msg(*root != NULL, "%s: not JSON: %s", cmd, reply);
	snprintf(key, sizeof(key), "%.*s", (int)strcspn(cmd, ","), cmd);
	v = cJSON_GetObjectItemCaseSensitive(*root, key);
	ck_assert_msg(v != NULL, "%s: no \"%s\" in %s", cmd, key, reply);
	return v;
}

static cJSON *item(const cJSON *o, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	ck_assert_msg(v != NULL, "no \"%s\" in %s", key, reply);
	return v;
}

static double num(const cJSON *o, const char *key)
{
	cJSON *v = item(o, key);

	ck_assert_msg(cJSON_IsNumber(v), "\"%s\" is not a number in %s", key, reply);
	return v->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
	cJSON *v = item(o, key);

	ck_assert_msg(cJSON_IsString(v), "\"%s\" is not a string in %s", key, reply);
	return v->valuestring;
}

static void setup(void)
{
	h_world_init(&w, VAM_AUTH_NONE);
	h_world_start(&w);
	h_client_init(&a, 10);
	h_client_init(&b, 11);
	ck_assert_int_eq(h_connect(&w, &a), VAM_CL_ONLINE);
	ck_assert_int_eq(h_connect(&w, &b), VAM_CL_ONLINE);
	ck_assert_int_eq(ctl_telemetry_register(w.srv), 0);
	tel_connect();
}

static void teardown(void)
{
	if (sock >= 0)
		close(sock);
	sock = -1;
	ck_assert_int_eq(ctl_telemetry_register(NULL), 0);
	h_world_fini(&w);
}

START_TEST(domains_show_settings_and_counts)
{
	cJSON *root, *v = query("/vam/domains", &root), *d;

	ck_assert_int_eq(num(v, "shown"), 1);
	ck_assert_int_eq(num(v, "omitted"), 0);
	d = item(item(v, "domains"), "7");
	ck_assert_int_eq(num(d, "id"), 7);
	ck_assert_str_eq(str(d, "name"), "corp");
	ck_assert_str_eq(str(d, "auth"), "none");
	ck_assert_str_eq(str(d, "aaa"), "local");
	ck_assert_int_eq(num(d, "keepalive"), 10);
	ck_assert_int_eq(num(d, "retries"), 3);
	ck_assert_str_eq(str(d, "private_addr"), "10.1.0.1");
	ck_assert_int_eq(num(d, "online"), 2);
	ck_assert_int_eq(num(d, "registered"), 0);
	ck_assert_int_eq(num(d, "half_open"), 0);
	ck_assert_int_eq(num(d, "closed"), 0);
	ck_assert_int_eq(num(d, "max_clients"), 100000);
	cJSON_Delete(root);
}
END_TEST

static void check_client(const cJSON *c, const struct h_client *k)
{
	const struct ctl_client *sc = ctl_server_find(w.srv, H_DOMAIN, k->cfg.private_addr);
	struct ctl_client_info ci;
	char buf[32];

	ck_assert_ptr_nonnull(sc);
	ctl_client_info(sc, &ci);
	ck_assert_str_eq(str(c, "private_addr"), vam_format_ipv4(k->cfg.private_addr, buf));
	ck_assert_str_eq(str(c, "name"), k->cfg.name);
	snprintf(buf, sizeof(buf), "192.168.1.%u:40000", k->cfg.private_addr & 0xff);
	ck_assert_str_eq(str(c, "public_addr"), buf);
	snprintf(buf, sizeof(buf), "203.0.113.%u:61000", k->cfg.private_addr & 0xff);
	ck_assert_str_eq(str(c, "ctrl_addr"), buf);
	ck_assert_ptr_nonnull(strchr(str(c, "data_addr"), ':'));
	ck_assert_str_eq(str(c, "role"), "spoke");
	ck_assert_int_eq(num(c, "nat"), 1);
	ck_assert_str_eq(str(c, "state"), "online");
	ck_assert_str_eq(str(c, "algs"), "aes-256-gcm");
	ck_assert(num(c, "uptime_s") >= 0);
	snprintf(buf, sizeof(buf), "0x%08x", ci.id);
	ck_assert_str_eq(str(c, "id"), buf);
	snprintf(buf, sizeof(buf), "0x%08x", ci.peer_id);
	ck_assert_str_eq(str(c, "peer_id"), buf);
}

START_TEST(clients_lists_both)
{
	cJSON *root, *v = query("/vam/clients,7", &root), *list;

	ck_assert_int_eq(num(v, "domain"), 7);
	ck_assert_int_eq(num(v, "shown"), 2);
	ck_assert_int_eq(num(v, "omitted"), 0);
	list = item(v, "clients");
	ck_assert_int_eq(cJSON_GetArraySize(list), 2);
	check_client(item(list, "10_1_0_10"), &a);
	check_client(item(list, "10_1_0_11"), &b);
	cJSON_Delete(root);
}
END_TEST

START_TEST(client_by_address)
{
	cJSON *root, *v = query("/vam/client,7,10.1.0.10", &root);

	check_client(v, &a);
	ck_assert_int_eq(num(v, "domain"), 7);
	ck_assert_int_eq(num(v, "networks"), 0);
	cJSON_Delete(root);
}
END_TEST

/* Unknown clients and domains and every kind of garbage: errors, which telemetry sends as null. */
START_TEST(bad_parameters_are_errors)
{
	static const char *const bad[] = {
		"/vam/client,7,10.9.9.9", "/vam/client,x", "/vam/client,7", "/vam/client,7,",
		"/vam/client,8,10.1.0.10", "/vam/client,7,10.1.0", "/vam/client,7,10.1.0.10,",
		"/vam/client,7,10.1.0.10x", "/vam/client,+7,10.1.0.10", "/vam/client,-7,10.1.0.10",
		"/vam/client, 7,10.1.0.10", "/vam/client,7x,10.1.0.10", "/vam/client,0,10.1.0.10",
		"/vam/client,65543,10.1.0.10", "/vam/client,7,::1", "/vam/client",
		"/vam/clients", "/vam/clients,x", "/vam/clients,8", "/vam/clients,7 ",
		"/vam/clients,+7", "/vam/clients,0x7", "/vam/clients,99999999999999999999999",
		"/vam/stats,x", "/vam/stats,8", "/vam/stats,0", "/vam/domains,1",
	};
	cJSON *root;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(cJSON_IsNull(query(bad[i], &root)), "%s: %s", bad[i], reply);
		cJSON_Delete(root);
	}
}
END_TEST

START_TEST(stats_count_messages_and_name_drops)
{
	static const char *const global[] = { "aaa_submitted", "aaa_accepted", "aaa_rejected",
					      "aaa_unavailable", "aaa_late", "acct_sent",
					      "acct_dropped", "hub_info_sent", "hub_info_resent" };
	cJSON *root, *v = query("/vam/stats", &root), *drops, *d;
	char key[32];

	ck_assert(num(v, "rx_datagrams") >= 8);
	drops = item(v, "drops");
	for (unsigned int i = VAM_OK + 1; i < VAM_DROP_MAX; i++) {
		snprintf(key, sizeof(key), "%s", vam_drop_name((enum vam_drop)i));
		for (char *p = key; *p; p++)
			*p = (*p == ' ' || *p == '/') ? '_' : *p;
		ck_assert_int_eq(num(drops, key), 0);
	}
	ck_assert_int_eq(cJSON_GetArraySize(drops), VAM_DROP_MAX - 1);
	num(drops, "decrypt_padding");
	num(drops, "malformed_TLV");
	for (size_t i = 0; i < sizeof(global) / sizeof(global[0]); i++)
		num(v, global[i]);
	ck_assert_int_eq(num(v, "domains_omitted"), 0);
	d = item(item(v, "domains"), "7");
	ck_assert(num(item(d, "rx"), "KEEPALIVE") >= 2);
	ck_assert_int_eq(num(item(d, "rx"), "INIT_REQ"), 2);
	ck_assert(num(item(d, "tx"), "KEEPALIVE_ACK") >= 2);
	ck_assert_int_eq(num(d, "online"), 2);
	ck_assert_int_eq(num(d, "offline"), 0);
	num(d, "replaced");
	num(d, "auth_failed");
	num(d, "aged_out");
	ck_assert_int_eq(cJSON_GetArraySize(item(d, "drops")), 0);	/* non-zero only */
	ck_assert_int_eq(cJSON_GetArraySize(item(d, "codes")), 0);
	cJSON_Delete(root);

	v = query("/vam/stats,7", &root);
	ck_assert_int_eq(cJSON_GetArraySize(item(v, "domains")), 1);
	ck_assert(num(item(item(item(v, "domains"), "7"), "rx"), "KEEPALIVE") >= 2);
	cJSON_Delete(root);
}
END_TEST

START_TEST(help_for_every_command)
{
	static const char *const cmds[] = { "/vam/domains", "/vam/clients", "/vam/client",
					    "/vam/stats" };
	char q[64];
	cJSON *root;

	for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		snprintf(q, sizeof(q), "/help,%s", cmds[i]);
		ck_assert_uint_gt(strlen(str(query(q, &root), cmds[i])), 10);
		cJSON_Delete(root);
	}
}
END_TEST

/* Many clients: the reply stays under 16 KiB, complete entries only, the rest counted. */
START_TEST(long_lists_are_cut_and_counted)
{
	static struct h_client many[120];
	cJSON *root, *v, *list, *c;

	for (unsigned int i = 0; i < 120; i++) {
		h_client_init(&many[i], (uint8_t)(20 + i));
		ck_assert_int_eq(h_connect(&w, &many[i]), VAM_CL_ONLINE);
	}
	v = query("/vam/clients,7", &root);
	ck_assert_uint_lt(reply_len, TEL_OUTPUT_MAX);
	list = item(v, "clients");
	ck_assert_int_gt(num(v, "omitted"), 0);
	ck_assert_int_eq(num(v, "shown"), cJSON_GetArraySize(list));
	ck_assert_int_eq(num(v, "shown") + num(v, "omitted"), 122);
	cJSON_ArrayForEach(c, list) {
		ck_assert_str_eq(str(c, "state"), "online");
		str(c, "peer_id");	/* the last field: the entry is whole */
	}
	cJSON_Delete(root);
	v = query("/vam/domains", &root);
	ck_assert_int_eq(num(item(item(v, "domains"), "7"), "online"), 122);
	cJSON_Delete(root);
}
END_TEST

/* Names come from the wire: what 22.11's JSON writer cannot carry becomes '?'. */
START_TEST(odd_names_stay_valid_json)
{
	struct h_client k;
	cJSON *root, *v;

	h_client_init(&k, 50);
	snprintf(k.cfg.name, sizeof(k.cfg.name), "q\"b\\s\x01t\tcaf\xc3\xa9");
	ck_assert_int_eq(h_connect(&w, &k), VAM_CL_ONLINE);
	v = query("/vam/client,7,10.1.0.50", &root);
	ck_assert_str_eq(str(v, "name"), "q\"b\\s?t?caf??");
	cJSON_Delete(root);
}
END_TEST

START_TEST(detached_commands_fail)
{
	cJSON *root;

	ck_assert_int_eq(ctl_telemetry_register(NULL), 0);
	ck_assert(cJSON_IsNull(query("/vam/domains", &root)));
	cJSON_Delete(root);
	ck_assert(cJSON_IsNull(query("/vam/stats", &root)));
	cJSON_Delete(root);
	ck_assert_int_eq(ctl_telemetry_register(w.srv), 0);
	ck_assert(cJSON_IsObject(query("/vam/domains", &root)));
	cJSON_Delete(root);
}
END_TEST

static int run(void)
{
	Suite *s = suite_create("telemetry");
	TCase *tc = tcase_create("commands");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, domains_show_settings_and_counts);
	tcase_add_test(tc, clients_lists_both);
	tcase_add_test(tc, client_by_address);
	tcase_add_test(tc, bad_parameters_are_errors);
	tcase_add_test(tc, stats_count_messages_and_name_drops);
	tcase_add_test(tc, help_for_every_command);
	tcase_add_test(tc, long_lists_are_cut_and_counted);
	tcase_add_test(tc, odd_names_stay_valid_json);
	tcase_add_test(tc, detached_commands_fail);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_set_fork_status(sr, CK_NOFORK);	/* EAL and telemetry threads are ours */
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}

/* EAL leaves its runtime directory (config, fbarray_*) behind: remove ours. */
static void remove_runtime_dir(const char *dir, const char *prefix)
{
	size_t n = strlen(dir), p = strlen(prefix);
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d;

	if (n <= p || dir[n - p - 1] != '/' || strcmp(dir + n - p, prefix) != 0)
		return;
	d = opendir(dir);
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < (int)sizeof(path))
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

int main(int argc, char **argv)
{
	char prefix[32], rundir[PATH_MAX];
	char *eal[] = { argv[0], "--no-huge", "-m", "64", "--no-pci", "--file-prefix", prefix,
			"--log-level=lib.eal:error" };
	int failed;

	(void)argc;
	snprintf(prefix, sizeof(prefix), "vamtel%d", (int)getpid());
	if (rte_eal_init((int)(sizeof(eal) / sizeof(eal[0])), eal) < 0) {
		fprintf(stderr, "FAIL: rte_eal_init: %s: this test needs EAL (--no-huge -m 64) "
			"and its telemetry socket\n", rte_strerror(rte_errno));
		remove_runtime_dir(rte_eal_get_runtime_dir(), prefix);
		return EXIT_FAILURE;
	}
	snprintf(rundir, sizeof(rundir), "%s", rte_eal_get_runtime_dir());
	failed = run();
	rte_eal_cleanup();
	remove_runtime_dir(rundir, prefix);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
