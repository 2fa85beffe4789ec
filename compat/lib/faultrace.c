/* faultrace: runs a command under ptrace, following every process it forks, and records or
 * fails the system calls the tool makes itself: after its dynamic loader (in a static
 * binary, after glibc's start-up, which ends making RELRO read-only), up to the exec of the
 * program it runs. The fault-injection suite (compat/faults) and the deterministic
 * failure-path tests (tests/faults.rs) both use it; compat/lib/build-tracer compiles it.
 *
 *   faultrace [options] -- COMMAND [ARG...]
 *     --log FILE        one line per call: PATH SYSCALL OCC DETAIL
 *     --fail E@POINT    fail the call at POINT with errno E (a name: EPERM, EINTR...): the
 *                       call is not made (its number is replaced with an invalid one) and
 *                       returns -E; but close is made (Linux frees the descriptor even when
 *                       close fails), and only returns -E
 *     --signal S@POINT  send signal S (TERM, INT...) to the process stopped at POINT's entry
 *     --skip-execs N    the tool is what the root process runs after N execs (a launcher)
 *     --timeout SEC     after SEC seconds (default 10) kill everything: status 124
 *     --linger SEC      after the root process ends, the others have SEC seconds (default
 *                       2) to end before they count as left over (and are killed)
 *     --report FILE     "hit" once the point was reached, "timeout", "leftover PATH EXE" (still
 *                       running after the linger time: killed), "orphan PATH EXE" (running
 *                       when the root process ended, and ended by itself later)
 *   faultrace --storm SIG --seed N --count K --max-delay MS [--linger SEC] -- COMMAND...
 *     K runs of COMMAND (no ptrace), each sent SIG after a delay drawn from the seed (0 to MS
 *     ms after the fork); as a child subreaper it waits for every process the run leaves.
 *     One line per run: "DELAY STATUS LEFTOVERS" (STATUS: exit N, signal NAME or timeout -).
 *
 * A POINT is PATH:SYSCALL:OCC[:DETAIL]. PATH names a process by its place in the fork tree:
 * 0 is the command, 0.1 its first child, 0.1.2 that child's second child. OCC counts from 1
 * the calls of SYSCALL with the same DETAIL in that process (without DETAIL: all calls of
 * SYSCALL). DETAIL is the path argument of a path-taking call, what the descriptor argument
 * of an fd-taking call refers to, rt_sigprocmask's HOW:MASK, the signal of rt_sigaction and
 * kill, prctl's option, or "-"; /proc/<pid>/ and /proc/self/ read /proc/PID/,
 * blanks become _, and brackets go with the numbers in them (pipe:[123] reads pipe:).
 * The exit status is the root process's (128+N when killed by signal N). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

struct sysname {
	int nr;
	const char *name;
};
static const struct sysname sysnames[] = {
#include "sysnames.h"
};

static const char *sys_name(long nr)
{
	for (size_t i = 0; i < sizeof(sysnames) / sizeof(sysnames[0]); i++)
		if (sysnames[i].nr == nr)
			return sysnames[i].name;
	return "unknown";
}

static const struct {
	const char *name;
	int value;
} errnos[] = {{"EPERM", EPERM}, {"EINVAL", EINVAL}, {"ENOMEM", ENOMEM}, {"ENOSPC", ENOSPC},
	      {"EINTR", EINTR}, {"EBADF", EBADF}, {"EACCES", EACCES}, {"EIO", EIO},
	      {"ECHILD", ECHILD}, {"EAGAIN", EAGAIN}, {"ENOENT", ENOENT}};
static const struct {
	const char *name;
	int value;
} signals[] = {{"TERM", SIGTERM}, {"INT", SIGINT}, {"HUP", SIGHUP}, {"KILL", SIGKILL},
	       {"QUIT", SIGQUIT}, {"USR1", SIGUSR1}, {"PIPE", SIGPIPE}};

static void die(const char *what)
{
	fprintf(stderr, "faultrace: %s\n", what);
	exit(125);
}

static int errno_of(const char *s)
{
	for (size_t i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (!strcmp(errnos[i].name, s))
			return errnos[i].value;
	die("unknown errno name");
	return 0;
}

static int signal_of(const char *s)
{
	if (!strncmp(s, "SIG", 3))
		s += 3;
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (!strcmp(signals[i].name, s))
			return signals[i].value;
	die("unknown signal name");
	return 0;
}

static const char *signal_name(int sig)
{
	for (size_t i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		if (signals[i].value == sig)
			return signals[i].name;
	static char buf[16];
	snprintf(buf, sizeof(buf), "%d", sig);
	return buf;
}

/* --- the points --------------------------------------------------------------------- */

struct point {
	char path[96], sys[32], detail[256];
	long occ;
	int value; /* the errno or the signal */
	int active;
};
static struct point fail_at, signal_at;

/* E@PATH:SYSCALL:OCC[:DETAIL] */
static void parse_point(struct point *p, const char *spec, int is_signal)
{
	char buf[512], *at, *f[3], *rest;
	snprintf(buf, sizeof(buf), "%s", spec);
	if (!(at = strchr(buf, '@')))
		die("a point is VALUE@PATH:SYSCALL:OCC[:DETAIL]");
	*at = 0;
	p->value = is_signal ? signal_of(buf) : errno_of(buf);
	rest = at + 1;
	for (int i = 0; i < 3; i++) {
		f[i] = rest;
		rest = strchr(rest, ':');
		if (!rest && i < 2)
			die("a point is VALUE@PATH:SYSCALL:OCC[:DETAIL]");
		if (rest)
			*rest++ = 0;
	}
	snprintf(p->path, sizeof(p->path), "%s", f[0]);
	snprintf(p->sys, sizeof(p->sys), "%s", f[1]);
	p->occ = atol(f[2]);
	snprintf(p->detail, sizeof(p->detail), "%s", rest ? rest : "");
	p->active = 1;
}

/* --- the processes ------------------------------------------------------------------- */

enum phase { BEFORE, TOOL, PROGRAM };

struct count {
	char key[300];
	long n;
	struct count *next;
};

struct proc {
	pid_t pid;
	char path[96];
	int known;	   /* its parent's fork event has named it */
	int stopped;	   /* waiting at its first stop for that */
	int alive;
	enum phase phase;
	int execs;	   /* execs seen before the tool's */
	int kids;
	unsigned long ld_lo, ld_hi; /* the dynamic loader's text, whose calls do not count */
	int startup;	   /* a static binary's C start-up, not yet over: its calls do not count */
	int inject;	   /* errno to return at this call's exit */
	char *orphan;	   /* still running when the root ended: its executable */
	struct count *counts;
	struct proc *next;
};
static struct proc *procs;
static FILE *logf, *reportf;
static int skip_execs;

static struct proc *find(pid_t pid, int create)
{
	for (struct proc *p = procs; p; p = p->next)
		if (p->pid == pid)
			return p;
	if (!create)
		return NULL;
	struct proc *p = calloc(1, sizeof(*p));
	if (!p)
		die("out of memory");
	p->pid = pid;
	p->alive = 1;
	p->next = procs;
	procs = p;
	return p;
}

static long bump(struct proc *p, const char *key)
{
	for (struct count *c = p->counts; c; c = c->next)
		if (!strcmp(c->key, key))
			return ++c->n;
	struct count *c = calloc(1, sizeof(*c));
	if (!c)
		die("out of memory");
	snprintf(c->key, sizeof(c->key), "%s", key);
	c->n = 1;
	c->next = p->counts;
	p->counts = c;
	return 1;
}

static void report(const char *fmt, const char *a, const char *b)
{
	if (reportf) {
		fprintf(reportf, fmt, a, b);
		fflush(reportf);
	}
}

/* The loader's text: every mapping of a file named ld-*.so*. */
static void find_loader(struct proc *p)
{
	char path[64], line[512];
	snprintf(path, sizeof(path), "/proc/%d/maps", p->pid);
	FILE *f = fopen(path, "re");
	p->ld_lo = p->ld_hi = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long lo, hi;
		char *file = strchr(line, '/'), *base;
		if (!file || sscanf(line, "%lx-%lx", &lo, &hi) != 2)
			continue;
		file[strcspn(file, "\n")] = 0;
		base = strrchr(file, '/') + 1;
		if (strncmp(base, "ld-", 3) || !strstr(base, ".so"))
			continue;
		if (!p->ld_lo || lo < p->ld_lo)
			p->ld_lo = lo;
		if (hi > p->ld_hi)
			p->ld_hi = hi;
	}
	fclose(f);
}

/* /proc/<digits>/ and /proc/self/ become /proc/PID/, [<digits>] goes, blanks become _. */
static void normalise(char *s)
{
	char out[256];
	size_t o = 0;
	for (const char *r = s; *r && o < sizeof(out) - 8;) {
		if (!strncmp(r, "/proc/", 6) && (r[6] >= '0' && r[6] <= '9')) {
			memcpy(out + o, "/proc/PID", 9);
			o += 9;
			r += 6;
			while (*r >= '0' && *r <= '9')
				r++;
		} else if (!strncmp(r, "/proc/self", 10) || !strncmp(r, "/proc/thread-self", 17)) {
			memcpy(out + o, "/proc/PID", 9);
			o += 9;
			r += r[6] == 's' ? 10 : 17;
		} else if (*r == '[' && r[1] >= '0' && r[1] <= '9') {
			while (*r && *r != ']')
				r++;
			if (*r)
				r++;
		} else if (*r == '[' || *r == ']') {
			r++; /* anon_inode:[eventfd] reads anon_inode:eventfd, easier in a glob */
		} else {
			out[o++] = (*r == ' ' || *r == '\n') ? '_' : *r;
			r++;
		}
	}
	out[o] = 0;
	snprintf(s, 256, "%s", out);
}

static void read_string(pid_t pid, unsigned long addr, char *buf, size_t size)
{
	char path[64];
	ssize_t n = -1;
	snprintf(path, sizeof(path), "/proc/%d/mem", pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = pread(fd, buf, size - 1, (off_t)addr);
		close(fd);
	}
	buf[n > 0 ? (size_t)n : 0] = 0;
	if (n <= 0)
		snprintf(buf, size, "?");
	if (!buf[0])
		snprintf(buf, size, "\"\"");
}

static void describe_fd(pid_t pid, long fd, char *buf, size_t size)
{
	char path[64];
	if ((int)fd == AT_FDCWD) {
		snprintf(buf, size, "cwd");
		return;
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", pid, (int)fd);
	ssize_t n = readlink(path, buf, size - 1);
	if (n < 0)
		snprintf(buf, size, "closed");
	else
		buf[n] = 0;
}

/* Which argument says what a call works on: a path (index 0-5) or a descriptor (10+). */
static int subject_arg(const char *name)
{
	static const struct {
		const char *name;
		int arg;
	} table[] = {
		{"open", 0}, {"openat", 1}, {"openat2", 1}, {"execve", 0}, {"execveat", 1},
		{"mount", 1}, {"umount2", 0}, {"chroot", 0}, {"chdir", 0}, {"access", 0},
		{"faccessat", 1}, {"faccessat2", 1}, {"stat", 0}, {"lstat", 0}, {"newfstatat", 1},
		{"statx", 1}, {"statfs", 0}, {"readlink", 0}, {"readlinkat", 1}, {"mkdir", 0},
		{"unlink", 0}, {"read", 10}, {"write", 10}, {"close", 10}, {"fstat", 10},
		{"fchdir", 10}, {"setns", 10}, {"ioctl", 10}, {"fstatfs", 10}, {"pread64", 10},
		{"pwrite64", 10}, {"fcntl", 10}, {"dup2", 10}, {"dup3", 10}, {"lseek", 10},
		{"getdents64", 10}, {"pidfd_getfd", 10}, {"pidfd_send_signal", 10},
		{"readv", 10}, {"writev", 10}, {"open_by_handle_at", 10},
	};
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (!strcmp(table[i].name, name))
			return table[i].arg;
	return -1;
}

static void detail_of(struct proc *p, const char *name, const uint64_t *args, char *buf)
{
	int a = subject_arg(name);
	if (!strcmp(name, "rt_sigprocmask")) {
		/* C libraries mask signals around fork themselves: how and which tell them apart */
		static const char *how[] = {"BLOCK", "UNBLOCK", "SETMASK"};
		uint64_t set = 0;
		char raw[9];
		if (args[1]) {
			read_string(p->pid, args[1], raw, sizeof(raw));
			memcpy(&set, raw, sizeof(set));
		}
		snprintf(buf, 256, "%s:%s", args[0] < 3 ? how[args[0]] : "?",
			 args[1] ? "" : "query");
		if (args[1])
			snprintf(buf + strlen(buf), 200, "%llx", (unsigned long long)set);
	} else if (!strcmp(name, "rt_sigaction") || !strcmp(name, "kill") ||
		   !strcmp(name, "prctl")) {
		snprintf(buf, 256, "%lld", (long long)args[!strcmp(name, "kill")]);
	} else if (!strcmp(name, "poll") || !strcmp(name, "ppoll")) {
		char raw[8];
		read_string(p->pid, args[0], raw, sizeof(raw)); /* the first pollfd's fd */
		int fd;
		memcpy(&fd, raw, sizeof(fd));
		describe_fd(p->pid, fd, buf, 256);
	} else if (a >= 10) {
		describe_fd(p->pid, (long)args[a - 10], buf, 256);
	} else if (a >= 0) {
		read_string(p->pid, args[a], buf, 256);
		/* newfstatat(fd, "", AT_EMPTY_PATH) works on the descriptor */
		if (!strcmp(buf, "\"\"") && a == 1)
			describe_fd(p->pid, (long)args[0], buf, 256);
	} else {
		snprintf(buf, 256, "-");
	}
	normalise(buf);
}

static int matches(const struct point *pt, struct proc *p, const char *name, const char *detail,
		   long occ_detail, long occ_name)
{
	if (!pt->active || strcmp(pt->path, p->path) || strcmp(pt->sys, name))
		return 0;
	if (pt->detail[0])
		return !strcmp(pt->detail, detail) && pt->occ == occ_detail;
	return pt->occ == occ_name;
}

static int hit_reported;

/* A syscall-entry stop of a counting process. */
static void on_entry(struct proc *p, const struct __ptrace_syscall_info *info)
{
	if (info->instruction_pointer >= p->ld_lo && info->instruction_pointer < p->ld_hi)
		return;
	if (p->startup) {
		/* Its end: the mprotect making RELRO read-only (not, say, one making the stack
		 * executable). A binary without RELRO would count no call: compat/faults fails a
		 * scenario that records none, and tests/faults.rs requires its point to be hit. */
		p->startup = !(info->entry.nr == SYS_mprotect && info->entry.args[2] == PROT_READ);
		return;
	}
	const char *name = sys_name((long)info->entry.nr);
	char detail[256], key[300];
	detail_of(p, name, info->entry.args, detail);
	snprintf(key, sizeof(key), "%s %s", name, detail);
	long occ_detail = bump(p, key);
	long occ_name = bump(p, name);
	if (logf) {
		fprintf(logf, "%s %s %ld %s\n", p->path, name, occ_detail, detail);
		fflush(logf);
	}
	int hit = 0;
	if (matches(&fail_at, p, name, detail, occ_detail, occ_name)) {
		struct user_regs_struct regs;
		/* close releases the descriptor whatever it returns (Linux): it runs, and only
		 * its result is replaced; any other call is not made at all. */
		if (strcmp(name, "close") && ptrace(PTRACE_GETREGS, p->pid, 0, &regs) == 0) {
			regs.orig_rax = (unsigned long long)-1; /* no such call: the kernel skips it */
			ptrace(PTRACE_SETREGS, p->pid, 0, &regs);
		}
		p->inject = fail_at.value;
		hit = 1;
	}
	if (matches(&signal_at, p, name, detail, occ_detail, occ_name)) {
		kill(p->pid, signal_at.value);
		hit = 1;
	}
	if (hit && !hit_reported++)
		report("hit %s %s\n", p->path, name);
}

static void on_exit_stop(struct proc *p)
{
	if (!p->inject)
		return;
	struct user_regs_struct regs;
	if (ptrace(PTRACE_GETREGS, p->pid, 0, &regs) == 0) {
		regs.rax = (unsigned long long)-(long long)p->inject;
		ptrace(PTRACE_SETREGS, p->pid, 0, &regs);
	}
	p->inject = 0;
}

static void resume(struct proc *p, int sig)
{
	int req = p->phase == PROGRAM ? PTRACE_CONT : PTRACE_SYSCALL;
	ptrace(req, p->pid, 0, sig);
}

static void on_exec(struct proc *p)
{
	if (p->phase == BEFORE) {
		if (p->execs++ < skip_execs)
			return;
		p->phase = TOOL;
		find_loader(p);
		/* No loader: a static binary, whose own copy of glibc's start-up (TLS, relocation,
		 * RELRO) stands in for it. That ends with the mprotect making RELRO read-only. */
		p->startup = !p->ld_lo;
	} else if (p->phase == TOOL) {
		p->phase = PROGRAM; /* the program: followed, no longer counted */
	}
}

/* SIGALRM after that many seconds (fractions allowed), then every 0.1 s until cancelled
 * with 0: a tick that comes just before a blocking waitpid is followed by another. */
static void alarm_after(double seconds)
{
	struct itimerval t = {{0, seconds > 0 ? 100000 : 0},
			      {(time_t)seconds, (suseconds_t)((seconds - (time_t)seconds) * 1e6)}};
	setitimer(ITIMER_REAL, &t, NULL);
}

/* The executable of a process (allocated), "?" when unknown. */
static char *exe_of(pid_t pid)
{
	char exe[256] = "?", link[64];
	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	ssize_t n = readlink(link, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 1] = 0;
	char *copy = strdup(exe);
	if (!copy)
		die("out of memory");
	return copy;
}

static volatile sig_atomic_t alarmed;
static void on_alarm(int sig)
{
	(void)sig;
	alarmed = 1;
}

static int trace(char **cmd, double timeout, double linger)
{
	pid_t root = fork();
	if (root < 0)
		die("fork failed");
	if (root == 0) {
		ptrace(PTRACE_TRACEME, 0, 0, 0);
		raise(SIGSTOP);
		execvp(cmd[0], cmd);
		fprintf(stderr, "faultrace: cannot run %s: %s\n", cmd[0], strerror(errno));
		_exit(127);
	}
	int status;
	if (waitpid(root, &status, 0) != root || !WIFSTOPPED(status))
		die("the command did not stop for the tracer");
	long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
		    PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
	if (ptrace(PTRACE_SETOPTIONS, root, 0, opts) < 0)
		die("PTRACE_SETOPTIONS failed");
	struct proc *r = find(root, 1);
	snprintf(r->path, sizeof(r->path), "0");
	r->known = 1;
	ptrace(PTRACE_CONT, root, 0, 0);

	struct sigaction sa = {.sa_handler = on_alarm};
	sigaction(SIGALRM, &sa, NULL); /* no SA_RESTART: waitpid returns EINTR */
	alarm_after(timeout);
	int result = -1, timed_out = 0, lingering = 0, alive = 1, reported = 0;
	while (alive > 0) {
		pid_t pid = waitpid(-1, &status, __WALL);
		if (pid < 0) {
			if (errno == ECHILD)
				break;
			if (errno != EINTR || !alarmed)
				continue;
			alarmed = 0;
			if (!lingering)
				timed_out = 1;
			if (!reported++ && !lingering)
				report("timeout%s%s\n", "", "");
			for (struct proc *p = procs; p; p = p->next) {
				if (!p->alive)
					continue;
				if (lingering && reported == 1)
					report("leftover %s %s\n", p->path, p->orphan);
				kill(p->pid, SIGKILL);
			}
			continue;
		}
		struct proc *p = find(pid, 1);
		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (p->alive)
				alive--;
			p->alive = 0;
			/* Killed after the root ended (PR_SET_PDEATHSIG, say) is fine; ending by
			 * itself means it ran on after the tool had exited. */
			if (p->orphan && WIFEXITED(status))
				report("orphan %s %s\n", p->path, p->orphan);
			if (pid == root) {
				result = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
				for (struct proc *o = procs; o; o = o->next)
					if (o->alive)
						o->orphan = exe_of(o->pid);
				if (alive > 0 && !timed_out) {
					lingering = 1;
					alarm_after(linger);
				}
			}
			continue;
		}
		if (!WIFSTOPPED(status))
			continue;
		int sig = WSTOPSIG(status), event = status >> 16;
		if (!p->known) { /* a new child, stopped before its parent's fork event */
			alive++;
			p->stopped = 1;
			continue;
		}
		if (event == PTRACE_EVENT_FORK || event == PTRACE_EVENT_VFORK ||
		    event == PTRACE_EVENT_CLONE) {
			unsigned long msg;
			ptrace(PTRACE_GETEVENTMSG, pid, 0, &msg);
			struct proc *c = find((pid_t)msg, 1);
			if (!c->stopped)
				alive++; /* counted here, or when its first stop came first */
			snprintf(c->path, sizeof(c->path), "%.80s.%d", p->path, ++p->kids);
			c->known = 1;
			c->phase = p->phase;
			c->ld_lo = p->ld_lo;
			c->ld_hi = p->ld_hi;
			c->execs = p->execs;
			if (c->stopped) {
				c->stopped = 0;
				resume(c, 0);
			} else {
				c->stopped = -1; /* its first stop, the SIGSTOP, is to be swallowed */
			}
			resume(p, 0);
			continue;
		}
		if (event == PTRACE_EVENT_EXEC) {
			on_exec(p);
			resume(p, 0);
			continue;
		}
		if (event) {
			resume(p, 0);
			continue;
		}
		if (sig == (SIGTRAP | 0x80)) {
			struct __ptrace_syscall_info info;
			if (ptrace(PTRACE_GET_SYSCALL_INFO, pid, sizeof(info), &info) > 0) {
				if (info.op == PTRACE_SYSCALL_INFO_ENTRY && p->phase == TOOL)
					on_entry(p, &info);
				else if (info.op == PTRACE_SYSCALL_INFO_EXIT)
					on_exit_stop(p);
			}
			resume(p, 0);
			continue;
		}
		if (sig == SIGSTOP && p->stopped == -1) {
			p->stopped = 0;
			resume(p, 0);
			continue;
		}
		resume(p, sig); /* a signal for the tracee: delivered */
	}
	if (timed_out)
		return 124;
	return result < 0 ? 125 : result;
}

/* --- signal storms ----------------------------------------------------------------------- */

/* Kills our children (as a subreaper: whatever a run left); returns how many there were. */
static int kill_children(void)
{
	char path[64];
	int n = 0, pid;
	snprintf(path, sizeof(path), "/proc/%d/task/%d/children", getpid(), getpid());
	FILE *f = fopen(path, "re");
	if (!f)
		return 1;
	while (fscanf(f, "%d", &pid) == 1) {
		kill(pid, SIGKILL);
		n++;
	}
	fclose(f);
	return n;
}

static int storm(char **cmd, int sig, unsigned long seed, int count, int max_delay, double linger)
{
	struct sigaction sa = {.sa_handler = on_alarm};
	sigaction(SIGALRM, &sa, NULL);
	unsigned long r = seed * 2654435761UL + 12345;
	for (int i = 0; i < count; i++) {
		r = r * 6364136223846793005UL + 1442695040888963407UL;
		int delay = (int)((r >> 33) % (unsigned long)(max_delay + 1));
		/* Each run under a subreaper of its own, so that only what the run leaves is
		 * waited for (not, say, a target the caller started). */
		pid_t sup = fork();
		if (sup < 0)
			die("fork failed");
		if (sup > 0) {
			int st;
			while (waitpid(sup, &st, 0) < 0 && errno == EINTR)
				;
			continue;
		}
		if (prctl(PR_SET_CHILD_SUBREAPER, 1) < 0)
			die("PR_SET_CHILD_SUBREAPER failed");
		pid_t pid = fork();
		if (pid < 0)
			die("fork failed");
		if (pid == 0) {
			dup2(2, 1); /* our stdout carries the results */
			execvp(cmd[0], cmd);
			_exit(127);
		}
		struct timespec ts = {delay / 1000, (delay % 1000) * 1000000L};
		nanosleep(&ts, NULL);
		kill(pid, sig);
		int status, leftovers = 0, ticks = 0;
		char what[32] = "";
		alarmed = 0;
		alarm_after(10);
		while (waitpid(pid, &status, 0) < 0) {
			if (alarmed) {
				snprintf(what, sizeof(what), "timeout -");
				kill(pid, SIGKILL);
				alarmed = 0;
			}
		}
		if (!what[0] && WIFEXITED(status))
			snprintf(what, sizeof(what), "exit %d", WEXITSTATUS(status));
		else if (!what[0])
			snprintf(what, sizeof(what), "signal %s", signal_name(WTERMSIG(status)));
		/* Whatever it left (re-parented to us) must end within the linger time. */
		alarm_after(linger);
		alarmed = 0;
		for (;;) {
			pid_t p = waitpid(-1, &status, 0);
			if (p > 0)
				continue;
			if (errno == ECHILD)
				break;
			if (alarmed) {
				alarmed = 0;
				int killed = kill_children(); /* again on later ticks, until all are gone */
				if (!ticks++)
					leftovers = killed;
			}
		}
		alarm_after(0);
		printf("%d %s %d\n", delay, what, leftovers);
		fflush(stdout);
		_exit(0);
	}
	return 0;
}

int main(int argc, char **argv)
{
	double timeout = 10, linger = 2;
	int i, storm_sig = 0, count = 1, max_delay = 50;
	unsigned long seed = 1;
	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			die("an option needs a value");
		if (!strcmp(o, "--log")) {
			if (!(logf = fopen(v, "we")))
				die("cannot open the log");
		} else if (!strcmp(o, "--report")) {
			if (!(reportf = fopen(v, "we")))
				die("cannot open the report");
		} else if (!strcmp(o, "--fail")) {
			parse_point(&fail_at, v, 0);
		} else if (!strcmp(o, "--signal")) {
			parse_point(&signal_at, v, 1);
		} else if (!strcmp(o, "--skip-execs")) {
			skip_execs = atoi(v);
		} else if (!strcmp(o, "--timeout")) {
			timeout = strtod(v, NULL);
		} else if (!strcmp(o, "--linger")) {
			linger = strtod(v, NULL);
		} else if (!strcmp(o, "--storm")) {
			storm_sig = signal_of(v);
		} else if (!strcmp(o, "--seed")) {
			seed = strtoul(v, NULL, 10);
		} else if (!strcmp(o, "--count")) {
			count = atoi(v);
		} else if (!strcmp(o, "--max-delay")) {
			max_delay = atoi(v);
		} else {
			die("unknown option (see the comment at the top of faultrace.c)");
		}
		i++;
	}
	if (i + 1 >= argc)
		die("usage: faultrace [options] -- COMMAND [ARG...]");
	if (storm_sig)
		return storm(argv + i + 1, storm_sig, seed, count, max_delay, linger);
	return trace(argv + i + 1, timeout, linger);
}
