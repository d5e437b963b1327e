"""Summarises a profile in async-profiler's collapsed format (one line per stack: frames joined by ';', a space,
the number of samples): the share of the samples by the code that spent them, and the frames that spent the most.

    python3 bench/graphql/stacks.py profile.collapsed [TOP]

A sample belongs to the kernel when its last frame is a kernel one (async-profiler marks them '_[k]') or a system
call's; otherwise to the package (first three parts) of the innermost frame outside the JDK (java/, jdk/, sun/),
so that a HashMap used by Spring counts as Spring's; samples with no such frame are the JVM's own threads (the JIT
compilers, the collector: native threads, started by clone3) or its runtime.
"""
import collections
import re
import sys

SYSTEM_CALLS = {'read', 'write', 'writev', 'recv', 'send', '__GI___send', '__libc_sendto', 'epoll_wait',
                'epoll_pwait', 'epoll_pwait2', '__GI_epoll_ctl', '[vdso]'}
JDK = ('java/', 'jdk/', 'sun/')


def owner(frames):
    if frames[-1].endswith('_[k]') or frames[-1] in SYSTEM_CALLS:
        return 'kernel and system calls'
    for frame in reversed(frames):
        package = re.match(r'[a-z][a-z0-9_]*/[a-z][a-z0-9_]*(/[a-z][a-z0-9_]*)?(?=/)', frame)
        if package and not frame.startswith(JDK):
            return package.group(0)
    if frames[0] == 'clone3':
        return "the JVM's own threads (JIT compilers, collector)"
    return 'the JVM runtime: ' + frames[0][:40]


def main():
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 25
    total = 0
    owners = collections.Counter()
    leaves = collections.Counter()
    with open(sys.argv[1], encoding='utf-8') as stacks:
        for line in stacks:
            stack, count = line.rstrip('\n').rsplit(' ', 1)
            frames = stack.split(';')
            total += int(count)
            owners[owner(frames)] += int(count)
            leaves[frames[-1]] += int(count)
    print(f'{total} samples')
    print('\nshare  spent by')
    for name, count in owners.most_common(top):
        print(f'{100 * count / total:5.1f}  {name}')
    print('\nshare  frame (self)')
    for name, count in leaves.most_common(top):
        print(f'{100 * count / total:5.1f}  {name[:120]}')


if __name__ == '__main__':
    main()
