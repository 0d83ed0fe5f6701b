// A tiny program the runner tests start: each mode is one behaviour the
// runner must handle (exit codes, signals, hangs, escapes, floods, fds...).
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

extern char** environ;

namespace {

void note_ready() {
  [[maybe_unused]] ssize_t n = ::write(STDOUT_FILENO, "ready\n", 6);
}

int list_fds() {
  DIR* dir = ::opendir("/proc/self/fd");
  int own = ::dirfd(dir);
  while (dirent* entry = ::readdir(dir)) {
    if (entry->d_name[0] != '.' && std::atoi(entry->d_name) != own)
      std::printf("%s\n", entry->d_name);
  }
  ::closedir(dir);
  return 0;
}

int print_limits() {
  const std::pair<const char*, int> limits[] = {{"cpu", RLIMIT_CPU},
                                                {"as", RLIMIT_AS},
                                                {"fsize", RLIMIT_FSIZE},
                                                {"nofile", RLIMIT_NOFILE},
                                                {"core", RLIMIT_CORE}};
  for (auto [name, resource] : limits) {
    rlimit limit{};
    ::getrlimit(resource, &limit);
    std::printf("%s %llu\n", name, static_cast<unsigned long long>(limit.rlim_cur));
  }
  return 0;
}

/// setsid() + double fork: the grandchild ignores polite signals and sleeps;
/// its pid goes to `pid_file`; the program itself exits at once.
int escape(const char* pid_file) {
  if (::fork() == 0) {
    ::setsid();
    if (::fork() == 0) {
      ::signal(SIGTERM, SIG_IGN);
      ::signal(SIGHUP, SIG_IGN);
      FILE* out = std::fopen(pid_file, "w");
      std::fprintf(out, "%d\n", ::getpid());
      std::fclose(out);
      for (;;)
        ::pause();
    }
    ::_exit(0);
  }
  ::usleep(200'000);  // let the grandchild write its pid
  return 0;
}

int flood() {
  std::string line(4096, 'y');
  line.back() = '\n';
  for (;;) {
    if (::write(STDOUT_FILENO, line.data(), line.size()) < 0) return 1;
  }
}

int read_stdin() {
  char c;
  ssize_t n = ::read(STDIN_FILENO, &c, 1);
  std::printf(n == 0 ? "eof\n" : "data\n");
  return 0;
}

/// Writes the signal's name and carries on (async-signal-safe).
void note_signal(int signal) {
  const char* text = signal == SIGUSR1 ? "USR1\n" : "TERM\n";
  [[maybe_unused]] ssize_t n = ::write(STDOUT_FILENO, text, std::strlen(text));
}

/// Ignores SIGUSR1 and SIGTERM, saying so for each, and sleeps: only SIGKILL
/// ends it. "ready" once the handlers are in place.
int trap() {
  ::signal(SIGUSR1, note_signal);
  ::signal(SIGTERM, note_signal);
  note_ready();
  for (;;)
    ::pause();
}

/// A child in the same process group that ignores SIGTERM; its pid goes to
/// stdout ("child <pid>"); then both sleep.
int group() {
  ::signal(SIGTERM, SIG_IGN);
  pid_t child = ::fork();
  if (child == 0) {
    for (;;)
      ::pause();
  }
  std::printf("child %d\n", child);
  std::fflush(stdout);
  for (;;)
    ::pause();
}

/// Leaves a child behind in its process group (no setsid) and exits.
int leave() {
  pid_t child = ::fork();
  if (child == 0) {
    for (;;)
      ::pause();
  }
  std::printf("%d\n", child);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = argc > 1 ? argv[1] : "";
  if (mode == "exit") {
    std::printf("out\n");
    std::fprintf(stderr, "err\n");
    return std::atoi(argv[2]);
  }
  if (mode == "signal") ::raise(std::atoi(argv[2]));
  if (mode == "sleep")
    for (;;)
      ::pause();
  if (mode == "spin") {
    for (unsigned long i = 0;; ++i)
      asm volatile("" : : "r"(i));  // a busy loop the compiler keeps
  }
  if (mode == "escape") return escape(argv[2]);
  if (mode == "trap") return trap();
  if (mode == "group") return group();
  if (mode == "leave") return leave();
  if (mode == "flood") return flood();
  if (mode == "stdin") return read_stdin();
  if (mode == "fds") return list_fds();
  if (mode == "limits") return print_limits();
  if (mode == "env") {
    for (char** e = environ; *e != nullptr; ++e)
      std::printf("%s\n", *e);
    return 0;
  }
  if (mode == "cwd") {
    char dir[4096];
    std::printf("%s\n", ::getcwd(dir, sizeof dir));
    return 0;
  }
  if (mode == "umask") {
    mode_t mask = ::umask(0);
    std::printf("%03o\n", static_cast<unsigned>(mask));
    return 0;
  }
  if (mode == "ipc_ns") {
    char link[256] = {};
    ssize_t n = ::readlink("/proc/self/ns/ipc", link, sizeof link - 1);
    std::printf("%s\n", n > 0 ? link : "?");
    return 0;
  }
  if (mode == "write_fd") {
    const char* text = argv[3];
    return ::write(std::atoi(argv[2]), text, std::strlen(text)) < 0 ? 1 : 0;
  }
  std::fprintf(stderr, "runner_helper: unknown mode '%s'\n", mode.c_str());
  return 64;
}
