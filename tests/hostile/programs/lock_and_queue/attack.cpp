// Leaves a file in /run/lock (a world-writable folder besides /tmp) and a
// POSIX message queue of a fixed name, outside the run's prefix: a channel to
// the next run that gets this uid, unless the grader finds and removes both.
#include <fcntl.h>
#include <mqueue.h>

void hostile::attack() {
  ::close(::open("/run/lock/hostile_lock", O_WRONLY | O_CREAT, 0644));
  mq_attr attributes{};
  attributes.mq_maxmsg = 4;
  attributes.mq_msgsize = 64;
  mqd_t queue = ::mq_open("/hostile_queue", O_WRONLY | O_CREAT, 0644, &attributes);
  if (queue != static_cast<mqd_t>(-1)) {
    ::mq_send(queue, "for the next student", 20, 0);
    ::mq_close(queue);
  }
}
