/* probe: prints the state a program sees after unshare/nsenter set it up, one `key=value`
 * line each, normalised so two runs of the same case print the same text.
 * Namespaces are named by a label from the baseline file on fd 9 ("base" = the runner's own,
 * "t1".. = targets the case started) or "new".
 *   probe [args]        print the state (args are echoed in argv=)
 *   probe --base        print the baseline lines for fd 9
 *   probe --wait        a target: set hostname "tgt" in a new UTS ns, say "ok" on fd 8, pause
 * Static, so it also runs under --root. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

static const char *kinds[] = {"cgroup", "ipc", "mnt", "net", "pid", "pid_for_children",
			      "time", "time_for_children", "user", "uts"};
#define NKINDS (sizeof(kinds) / sizeof(kinds[0]))
static char base[16384];

static int ns_ino(const char *kind, unsigned long *ino)
{
	char path[64];
	struct stat st;
	snprintf(path, sizeof(path), "/proc/self/ns/%s", kind);
	if (stat(path, &st) < 0)
		return -1;
	*ino = st.st_ino;
	return 0;
}

/* Reads a small file whole; returns its length or -1. */
static long slurp(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long n = 0, r;
	if (fd < 0)
		return -1;
	while (n < (long)size - 1 && (r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

/* Prints a file's lines joined by " | ", runs of blanks squeezed. */
static void show_file(const char *key, const char *path)
{
	char buf[8192], out[8192];
	size_t o = 0;
	int blank = 1;
	if (slurp(path, buf, sizeof(buf)) < 0) {
		printf("%s=<%s>\n", key, strerror(errno));
		return;
	}
	for (char *p = buf; *p && o < sizeof(out) - 4; p++) {
		if (*p == '\n') {
			while (o && out[o - 1] == ' ')
				o--;
			if (p[1]) {
				memcpy(out + o, " | ", 3);
				o += 3;
			}
			blank = 1;
		} else if (*p == ' ' || *p == '\t') {
			if (!blank)
				out[o++] = ' ';
			blank = 1;
		} else {
			out[o++] = *p;
			blank = 0;
		}
	}
	out[o] = 0;
	printf("%s=%s\n", key, out);
}

static const char *label(const char *kind, unsigned long ino)
{
	static char lab[32];
	char key[64];
	for (char *line = base; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		unsigned long v;
		if (sscanf(line, "%31s %63s %lu", lab, key, &v) == 3 && !strcmp(key, kind) && v == ino)
			return lab;
	}
	return "new";
}

static void show_ns(void)
{
	for (size_t i = 0; i < NKINDS; i++) {
		unsigned long ino;
		if (ns_ino(kinds[i], &ino) < 0)
			printf("ns.%s=<%s>\n", kinds[i], strerror(errno));
		else
			printf("ns.%s=%s\n", kinds[i], label(kinds[i], ino));
	}
}

static void show_ids(void)
{
	uid_t r, e, s;
	gid_t gr, ge, gs, g[64];
	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	printf("uid=%u,%u,%u\ngid=%u,%u,%u\ngroups=", r, e, s, gr, ge, gs);
	int n = getgroups(64, g);
	for (int i = 0; i < n; i++)
		printf("%s%u", i ? "," : "", g[i]);
	printf("\n");
	show_file("uid_map", "/proc/self/uid_map");
	show_file("gid_map", "/proc/self/gid_map");
	show_file("setgroups", "/proc/self/setgroups");
}

/* From /proc/self/status: the pid namespace depth and selected fields. */
static void show_status(void)
{
	static const char *keys[] = {"NSpid:", "CapInh:", "CapPrm:", "CapEff:", "CapBnd:",
				     "CapAmb:", "NoNewPrivs:", "SigBlk:", "SigIgn:"};
	char buf[8192];
	if (slurp("/proc/self/status", buf, sizeof(buf)) < 0) {
		printf("status=<%s>\n", strerror(errno));
		return;
	}
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			size_t k = strlen(keys[i]);
			if (strncmp(line, keys[i], k))
				continue;
			char *v = line + k;
			v += strspn(v, " \t");
			if (i == 0) { /* NSpid: only how deep we are */
				int depth = 1;
				for (char *p = v; *p; p++)
					depth += *p == '\t' || *p == ' ';
				printf("pidns.depth=%d\n", depth);
			} else {
				printf("%.*s=%s\n", (int)k - 1, keys[i], v);
			}
		}
}

static void show_pid(void)
{
	char buf[64];
	pid_t pid = getpid(), ppid = getppid();
	printf("pid=%s\nppid=%s\n", pid == 1 ? "1" : "other", ppid == 0 ? "0" : ppid == 1 ? "1" : "other");
	ssize_t n = readlink("/proc/self", buf, sizeof(buf) - 1);
	if (n < 0) {
		printf("proc=<%s>\n", strerror(errno));
		return;
	}
	buf[n] = 0;
	printf("proc=%s\n", atoi(buf) == pid ? "own" : "other");
}

static void show_paths(void)
{
	char buf[4096];
	struct stat st;
	struct utsname u;
	uname(&u);
	printf("hostname=%s\n", u.nodename);
	printf("cwd=%s\n", getcwd(buf, sizeof(buf)) ? buf : strerror(errno));
	if (stat("/", &st) == 0) {
		char key[64];
		snprintf(key, sizeof(key), "%lu:%lu", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
		char *hit = strstr(base, key);
		printf("root=%s\n", hit ? "base" : "other");
	}
	int mode = umask(0);
	umask(mode);
	printf("umask=%03o\n", mode);
	printf("pdeathsig=");
	int sig = 0;
	if (prctl(PR_GET_PDEATHSIG, &sig) == 0)
		printf("%d\n", sig);
	else
		printf("<%s>\n", strerror(errno));
}

/* Propagation of the mounts at / and /tmp, as mountinfo's optional fields say. */
static void show_mounts(void)
{
	char buf[65536];
	if (slurp("/proc/self/mountinfo", buf, sizeof(buf)) < 0) {
		printf("mounts=<%s>\n", strerror(errno));
		return;
	}
	const char *want[] = {"/", "/tmp", "/proc"};
	char prop[3][64] = {"none", "none", "none"};
	int count = 0;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		char mp[1024];
		count++;
		if (sscanf(line, "%*s %*s %*s %*s %1023s", mp) != 1)
			continue;
		for (int i = 0; i < 3; i++) {
			if (strcmp(mp, want[i]))
				continue;
			char *opt = line;
			for (int f = 0; f < 6 && opt; f++)
				opt = strchr(opt, ' ') ? strchr(opt, ' ') + 1 : NULL;
			char *end = strstr(line, " - ");
			const char *p = "private";
			char *fs = end ? end + 3 : NULL;
			if (opt && end && opt < end) {
				int shared = strstr(opt, "shared:") && strstr(opt, "shared:") < end;
				int slave = strstr(opt, "master:") && strstr(opt, "master:") < end;
				p = shared && slave ? "shared,slave" : shared ? "shared" : slave ? "slave" : "private";
				if (strstr(opt, "unbindable") && strstr(opt, "unbindable") < end)
					p = "unbindable";
			}
			char fstype[32] = "?";
			if (fs)
				sscanf(fs, "%31s", fstype);
			snprintf(prop[i], sizeof(prop[i]), "%s %s", fstype, p);
		}
	}
	for (int i = 0; i < 3; i++)
		printf("mount.%s=%s\n", want[i], prop[i]);
	(void)count;
}

/* Open descriptors: terminals and files by kind, numbers in brackets dropped. */
static void show_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d) {
		printf("fds=<%s>\n", strerror(errno));
		return;
	}
	int self = dirfd(d);
	char list[4096] = "";
	int fds[256], n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 256;)
		if (e->d_name[0] != '.' && atoi(e->d_name) != self)
			fds[n++] = atoi(e->d_name);
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			if (fds[j] < fds[i]) {
				int t = fds[i];
				fds[i] = fds[j];
				fds[j] = t;
			}
	for (int i = 0; i < n; i++) {
		char path[64], target[512];
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fds[i]);
		ssize_t len = readlink(path, target, sizeof(target) - 1);
		target[len < 0 ? 0 : len] = 0;
		char *br = strchr(target, '[');
		if (br && strchr(br, ']') && br[1] >= '0' && br[1] <= '9')
			*br = 0;
		else if (!strncmp(target, "/proc/", 6) && target[6] >= '0' && target[6] <= '9')
			snprintf(target, sizeof(target), "/proc/PID/%s", strchr(target + 6, '/') ? strchr(target + 6, '/') + 1 : "");
		else if (target[0] == '/' && strncmp(target, "/dev/", 5) && strncmp(target, "/proc/", 6))
			strcpy(target, "file");
		size_t o = strlen(list);
		snprintf(list + o, sizeof(list) - o, "%s%d:%s", i ? " " : "", fds[i], target);
	}
	closedir(d);
	printf("fds=%s\n", list);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void show_env(void)
{
	extern char **environ;
	size_t n = 0;
	while (environ[n])
		n++;
	char **v = calloc(n + 1, sizeof(*v));
	if (!v)
		return;
	memcpy(v, environ, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp);
	for (size_t i = 0; i < n; i++)
		printf("env %s\n", v[i]);
	free(v);
}

static int do_base(void)
{
	struct stat st;
	for (size_t i = 0; i < NKINDS; i++) {
		unsigned long ino;
		if (ns_ino(kinds[i], &ino) == 0)
			printf("base %s %lu\n", kinds[i], ino);
	}
	if (stat("/", &st) == 0)
		printf("root / %lu:%lu\n", (unsigned long)st.st_dev, (unsigned long)st.st_ino);
	return 0;
}

/* The namespaces of process PID, labelled LABEL. */
static int do_base_of(const char *lab, const char *pid)
{
	for (size_t i = 0; i < NKINDS; i++) {
		char path[128];
		struct stat st;
		snprintf(path, sizeof(path), "/proc/%s/ns/%s", pid, kinds[i]);
		if (stat(path, &st) == 0)
			printf("%s %s %lu\n", lab, kinds[i], (unsigned long)st.st_ino);
	}
	return 0;
}

/* The pidfs inode of PID, as `nsenter -t PID:INODE` wants it. */
static int do_pidfd_ino(int pid)
{
	struct stat st;
	int fd = syscall(SYS_pidfd_open, pid, 0);
	if (fd < 0 || fstat(fd, &st) < 0)
		return 1;
	printf("%lu\n", (unsigned long)st.st_ino);
	return 0;
}

static int do_wait(void)
{
	unsigned long ino;
	if (ns_ino("uts", &ino) == 0 && strcmp(label("uts", ino), "base"))
		sethostname("tgt", 3);
	/* A socket in its network namespace, for nsenter --net-socket 7. */
	int sock = socket(AF_INET, SOCK_DGRAM, 0);
	if (sock >= 0 && sock != 7) {
		dup2(sock, 7);
		close(sock);
	}
	if (write(8, "ok\n", 3) < 0)
		return 1;
	close(8);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOFBF, 1 << 16);
	if (pread(9, base, sizeof(base) - 1, 0) < 0)
		base[0] = 0;
	if (argc == 2 && !strcmp(argv[1], "--base"))
		return do_base();
	if (argc == 3 && !strcmp(argv[1], "--hostname"))
		return sethostname(argv[2], strlen(argv[2])) ? 1 : 0;
	if (argc == 4 && !strcmp(argv[1], "--base"))
		return do_base_of(argv[2], argv[3]);
	if (argc == 3 && !strcmp(argv[1], "--pidfd-ino"))
		return do_pidfd_ino(atoi(argv[2]));
	if (argc == 2 && !strcmp(argv[1], "--wait"))
		return do_wait();
	const char *a0 = strrchr(argv[0], '/');
	printf("argv=%s", a0 ? a0 + 1 : argv[0]);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	show_ns();
	show_ids();
	show_pid();
	show_status();
	show_paths();
	show_mounts();
	show_file("timens_offsets", "/proc/self/timens_offsets");
	show_file("cgroup", "/proc/self/cgroup");
	show_fds();
	show_env();
	return fflush(stdout) ? 1 : 0;
}
