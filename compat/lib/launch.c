/* launch: runs a tool from an unpacked package through that package's own dynamic loader,
 * passing argv[0] through as typed and leaving the environment untouched (a shell wrapper
 * would add PWD).  LDSO, LIBPATH and TOOL are fixed at build time by compat/run. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char **args = calloc(argc + 6, sizeof(*args));
	if (!args)
		return 1;
	int n = 0;
	args[n++] = LDSO;
	args[n++] = "--argv0";
	args[n++] = argv[0];
	args[n++] = "--library-path";
	args[n++] = LIBPATH;
	args[n++] = TOOL;
	for (int i = 1; i < argc; i++)
		args[n++] = argv[i];
	args[n] = NULL;
	execv(LDSO, args);
	perror("launch: " LDSO);
	return 127;
}
