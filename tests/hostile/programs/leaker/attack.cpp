// Objects under the run's IPC prefix (the grader must name and remove them)
// and under a fixed name (only a private /dev/shm contains those).
#include <mqueue.h>
#include <semaphore.h>
void hostile::attack() {
  std::string p = hostile::prefix();
  int fd = ::shm_open(("/" + p + "hostile_segment").c_str(), O_CREAT | O_RDWR, 0600);
  if (fd >= 0) (void)!::ftruncate(fd, 4096);
  ::sem_open(("/" + p + "hostile_sem").c_str(), O_CREAT, 0600, 1);
  ::mq_open(("/" + p + "hostile_queue").c_str(), O_CREAT | O_RDWR, 0600, nullptr);
  ::shm_open("/hostile_fixed_name", O_CREAT | O_RDWR, 0600);
}
