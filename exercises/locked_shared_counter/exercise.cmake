# Provided settings of the locked_shared_counter drivers (included by
# ipclab_exercise_driver with ${target} set).
#
# A lock() that waits longer than 3 s throws instead of waiting forever. The
# lock is a robust mutex, so when its owner dies the next lock() throws at
# once; but glibc 2.36 loses a wake-up on that path when several processes
# were already waiting (the second waiter on a not-recoverable mutex is never
# woken). The timeout turns that, and a lock nobody ever releases, into an
# error a test can report instead of a hang.
target_compile_definitions(${target} PRIVATE
  BOOST_INTERPROCESS_ENABLE_TIMEOUT_WHEN_LOCKING
  BOOST_INTERPROCESS_TIMEOUT_WHEN_LOCKING_DURATION_MS=3000)
