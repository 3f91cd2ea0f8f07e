/*
 * mapwatch: start a program and report, for each window title given, how
 * long after the start a window whose title contains it was mapped (the X
 * server's MapNotify: the window is on screen). Used by scripts/speed.sh;
 * xdotool --sync polls every 0.5 s, far too coarsely for this.
 *
 *   mapwatch TIMEOUT_SECONDS TITLE... -- PROGRAM [ARGS...]
 *
 * Prints "mapped <title> <milliseconds>" per title, then "pid <pid>" and
 * exits, leaving the program running (the caller measures and kills it).
 * Exit status 1 when a title did not appear before the timeout.
 */
#include <X11/Xlib.h>
#include <fcntl.h>
#include <X11/Xutil.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>

static double ms_since(struct timespec *t0) {
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1e3 + (t.tv_nsec - t0->tv_nsec) / 1e6;
}

static int title_of(Display *d, Window w, char *buf, size_t n) {
	XTextProperty p;
	buf[0] = 0;
	if (XGetWMName(d, w, &p) && p.value) {
		snprintf(buf, n, "%s", (char *)p.value);
		XFree(p.value);
		return 1;
	}
	return 0;
}

int main(int argc, char **argv) {
	if (argc < 5) {
		fprintf(stderr, "usage: mapwatch TIMEOUT TITLE... -- PROGRAM [ARGS...]\n");
		return 2;
	}
	double timeout = atof(argv[1]) * 1e3;
	int sep = 0;
	for (int i = 2; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) { sep = i; break; }
	if (!sep || sep == 2 || sep == argc - 1) {
		fprintf(stderr, "mapwatch: titles and -- PROGRAM expected\n");
		return 2;
	}
	int ntitles = sep - 2;
	char **titles = argv + 2;
	int *seen = calloc(ntitles, sizeof(int));

	Display *d = XOpenDisplay(NULL);
	if (!d) { fprintf(stderr, "mapwatch: no display\n"); return 2; }
	XSelectInput(d, DefaultRootWindow(d), SubstructureNotifyMask);
	XSync(d, False);

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid == 0) {
		/* The program's output must not hold the caller's pipe open. */
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) dup2(null, STDOUT_FILENO);
		execvp(argv[sep + 1], argv + sep + 1);
		perror("mapwatch: exec");
		_exit(127);
	}
	int left = ntitles;
	int fd = ConnectionNumber(d);
	while (left > 0 && ms_since(&t0) < timeout) {
		while (XPending(d)) {
			XEvent ev;
			XNextEvent(d, &ev);
			if (ev.type != MapNotify) continue;
			char name[512];
			double at = ms_since(&t0);
			title_of(d, ev.xmap.window, name, sizeof name);
			for (int i = 0; i < ntitles; i++) {
				if (!seen[i] && strstr(name, titles[i])) {
					seen[i] = 1;
					left--;
					printf("mapped %s %.1f\n", titles[i], at);
					fflush(stdout);
				}
			}
		}
		fd_set set;
		FD_ZERO(&set);
		FD_SET(fd, &set);
		struct timeval tv = {0, 20000};
		select(fd + 1, &set, NULL, NULL, &tv);
	}
	printf("pid %d\n", (int)pid);
	return left > 0 ? 1 : 0;
}
