/*
 * mapwatch: start a program and report, for each window title given, how
 * long after the start a window whose title contains it was mapped (the X
 * server's MapNotify: the window is on screen). Used by scripts/speed.sh;
 * xdotool --sync polls every 0.5 s, far too coarsely for this.
 *
 *   mapwatch [-press N] TIMEOUT_SECONDS TITLE... -- PROGRAM [ARGS...]
 *
 * Prints "mapped <title> <milliseconds> <unix ms>" per title, then
 * "pid <pid>" and exits, leaving the program running (the caller measures
 * and kills it). Exit status 1 when a title did not appear before the
 * timeout.
 *
 * With -press N the times count from the N-th mouse button press the X
 * server handles after the start (XInput2 raw events, whoever sends them:
 * PROGRAM is then typically « xdotool … click --repeat 2 »), printed as
 * "press N <unix ms>"; a window mapped before that press is not counted.
 * The unix times let the caller line these events up with the app's own
 * trace (CERFADESK_TRACE).
 */
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/XInput2.h>
#include <fcntl.h>
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

static double unix_ms(void) {
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
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

/* Errors (a window gone before its name is read) are not fatal. */
static int ignore_errors(Display *d, XErrorEvent *e) {
	(void)d;
	(void)e;
	return 0;
}

int main(int argc, char **argv) {
	int press = 0, a = 1;
	if (argc > 2 && strcmp(argv[1], "-press") == 0) {
		press = atoi(argv[2]);
		a = 3;
	}
	if (argc - a < 4) {
		fprintf(stderr, "usage: mapwatch [-press N] TIMEOUT TITLE... -- PROGRAM [ARGS...]\n");
		return 2;
	}
	double timeout = atof(argv[a]) * 1e3;
	int sep = 0;
	for (int i = a + 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0) { sep = i; break; }
	if (!sep || sep == a + 1 || sep == argc - 1) {
		fprintf(stderr, "mapwatch: titles and -- PROGRAM expected\n");
		return 2;
	}
	int ntitles = sep - a - 1;
	char **titles = argv + a + 1;
	int *seen = calloc(ntitles, sizeof(int));

	Display *d = XOpenDisplay(NULL);
	if (!d) { fprintf(stderr, "mapwatch: no display\n"); return 2; }
	XSetErrorHandler(ignore_errors);
	Window root = DefaultRootWindow(d);
	XSelectInput(d, root, SubstructureNotifyMask);
	int xi = 0, ev_, err_;
	if (press) {
		int major = 2, minor = 0;
		if (!XQueryExtension(d, "XInputExtension", &xi, &ev_, &err_) ||
		    XIQueryVersion(d, &major, &minor) != Success) {
			fprintf(stderr, "mapwatch: no XInput2 for -press\n");
			return 2;
		}
		unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {0};
		XISetMask(bits, XI_RawButtonPress);
		XIEventMask m = {XIAllMasterDevices, sizeof bits, bits};
		XISelectEvents(d, root, &m, 1);
	}
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
	int left = ntitles, presses = 0;
	int fd = ConnectionNumber(d);
	while (left > 0 && ms_since(&t0) < timeout) {
		while (XPending(d)) {
			XEvent ev;
			XNextEvent(d, &ev);
			if (press && ev.type == GenericEvent && ev.xcookie.extension == xi &&
			    XGetEventData(d, &ev.xcookie)) {
				if (ev.xcookie.evtype == XI_RawButtonPress && ++presses == press) {
					clock_gettime(CLOCK_MONOTONIC, &t0);
					printf("press %d %.1f\n", press, unix_ms());
					fflush(stdout);
				}
				XFreeEventData(d, &ev.xcookie);
				continue;
			}
			if (ev.type != MapNotify || presses < press) continue;
			char name[512];
			double at = ms_since(&t0);
			title_of(d, ev.xmap.window, name, sizeof name);
			for (int i = 0; i < ntitles; i++) {
				if (!seen[i] && strstr(name, titles[i])) {
					seen[i] = 1;
					left--;
					printf("mapped %s %.1f %.1f\n", titles[i], at, unix_ms());
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
