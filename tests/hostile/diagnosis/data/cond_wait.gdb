
Thread 2 (Thread 0x7fcf63fff6c0 (LWP 10713) "t"):
#0  __futex_abstimed_wait_common64 (private=0, cancel=true, abstime=0x0, op=393, expected=0, futex_word=0x56445a2bf0c8 <cv+40>) at ./nptl/futex-internal.c:57
#4  ___pthread_cond_wait (cond=0x56445a2bf0a0 <cv>, mutex=0x56445a2bf0e0 <m>) at ./nptl/pthread_cond_wait.c:618
#5  0x000056445a2bc22e in waiter () at /tmp/hostile-scratch/t.cpp:5
#11 0x00007fcf642d44a3 in ?? () from /lib/x86_64-linux-gnu/libstdc++.so.6

Thread 1 (Thread 0x7fcf64454740 (LWP 10711) "t"):
#0  __futex_abstimed_wait_common64 (private=0, cancel=true, abstime=0x0, op=393, expected=0, futex_word=0x56445a2bf0c8 <cv+40>) at ./nptl/futex-internal.c:57
#3  0x00007fcf640a65d8 in __pthread_cond_wait_common (abstime=0x0, clockid=0, mutex=0x56445a2bf0e0 <m>, cond=0x56445a2bf0a0 <cv>) at ./nptl/pthread_cond_wait.c:503
#5  0x000056445a2bc22e in waiter () at /tmp/hostile-scratch/t.cpp:5
#6  0x000056445a2bc2cc in main () at /tmp/hostile-scratch/t.cpp:6
[Inferior 1 (process 10711) detached]
