// The attack suite: hostile programs in all three languages. Each test checks the verdict
// and that the host is untouched (no box process survives, nothing outside the box
// changed, nothing leaked in).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <doctest/doctest.h>

#include <cstdlib>

#include "runner_test_support.h"

namespace mockroom::runner_test {
namespace {

const json kQuick = {{"cpu_time_limit", 1}, {"wall_time_limit", 3}};

bool exists(const char* path) {
  struct stat st;
  return lstat(path, &st) == 0;
}

TEST_CASE("runner attack: a Python fork bomb is stopped and leaves no process") {
  json r = run("python", "import os\nwhile True:\n    try: os.fork()\n    except OSError: pass\n",
               kQuick);
  CHECK(status_id(r) == 5);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: a C++ fork bomb is stopped and leaves no process") {
  json r = run("cpp", "#include <unistd.h>\nint main(){ for(;;) fork(); }\n", kQuick);
  CHECK(status_id(r) == 5);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: a JavaScript process bomb is stopped and leaves no process") {
  json r = run("javascript",
               "const {spawn}=require('child_process');\n"
               "for(;;){ try { spawn('/usr/bin/sleep',['100']); } catch(e){} }\n",
               kQuick);
  CHECK(status_id(r) == 5);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: a Python thread bomb hits the process limit and times out") {
  json r = run("python",
               "import threading, time\nn = 0\ntry:\n    while True:\n"
               "        threading.Thread(target=time.sleep, args=(100,)).start(); n += 1\n"
               "except RuntimeError:\n    print('limited at', n, flush=True)\n",
               kQuick);
  CHECK(status_id(r) == 5);
  CHECK(r["stdout"].get<std::string>().find("limited at") != std::string::npos);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: memory bombs are Memory Limit Exceeded in every language") {
  CHECK(status_id(run("python", "x = 'a' * (1 << 30)\n")) == 15);
  CHECK(status_id(run("cpp", "#include <vector>\nint main(){ std::vector<char> v(1u << 30, 1); "
                             "return v[12345]; }\n")) == 15);
  CHECK(status_id(run("javascript",
                      "const a = [];\nfor(;;) a.push(new Array(1e6).fill(1.5));\n")) == 15);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: infinite loops are Time Limit Exceeded") {
  CHECK(status_id(run("python", "while True: pass\n", kQuick)) == 5);
  CHECK(status_id(run("cpp", "int main(){ volatile unsigned x = 0; for(;;) x++; }\n", kQuick)) == 5);
  CHECK(status_id(run("javascript", "for(;;){}\n", kQuick)) == 5);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: sleeping past the wall clock is Time Limit Exceeded") {
  json r = run("python", "import time\ntime.sleep(100)\n", {{"wall_time_limit", 1}});
  CHECK(status_id(r) == 5);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: an orphaned child still running after the parent exits is killed") {
  const std::string marker = "mockroom-orphan-" + std::to_string(getpid());
  json r = run("python",
               "import os, sys\nif os.fork() == 0:\n    os.setsid()\n"
               "    os.execv('/usr/bin/python3', ['python3', '-c', 'import time; time.sleep(300)', '" +
                   marker + "'])\nprint('parent done')\n");
  CHECK(status_id(r) == 3);
  CHECK(processes_with(marker) == 0);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: a double-forked C++ daemon is killed with the box") {
  json r = run("cpp",
               "#include <unistd.h>\nint main(){ if(fork()==0){ setsid(); if(fork()==0){ "
               "char a[]=\"/usr/bin/sleep\", b[]=\"" + own_sleep_seconds() +
                   "\"; char* v[]={a,b,nullptr}; execv(a,v);} _exit(0);} return 0; }\n");
  CHECK(status_id(r) == 3);
  CHECK(processes_with("sleep " + own_sleep_seconds() + " ") == 0);  // cmdline ends in NUL
}

TEST_CASE("runner attack: an output flood is Output Limit Exceeded") {
  json r = run("cpp", "#include <cstdio>\nint main(){ for(;;) puts(\"flood flood flood\"); }\n");
  CHECK(status_id(r) == 16);
  CHECK(r["stdout"].get<std::string>().size() <= 64 * 1024);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: a huge file write is stopped by the file size limit") {
  json cpp = run("cpp",
                 "#include <cstdio>\nint main(){ FILE* f = fopen(\"big\", \"w\"); static char b[1<<16]; "
                 "for(int i=0;i<1000;++i) fwrite(b,1,sizeof b,f); fclose(f); }\n");
  CHECK(status_id(cpp) == 8);
  // Python ignores SIGXFSZ, so the write fails with EFBIG instead.
  json py = run("python", "open('/tmp/big', 'wb').write(b'x' * (50 << 20))\n");
  CHECK(status_id(py) == 11);
  CHECK(py["stderr"].get<std::string>().find("File too large") != std::string::npos);
}

TEST_CASE("runner attack: host secrets and directories cannot be read") {
  const std::string probe =
      "import os\nfor p in ['/etc/shadow', '/etc/passwd', '/root', '/home', '" +
      std::string(MOCKROOM_SOURCE_DIR) + "', '" + std::string(MOCKROOM_SOURCE_DIR) + "/README.md', '" +
      std::string(kTestWorkRoot) + "', '/sys/fs/cgroup']:\n"
      "    try:\n        (os.listdir(p) if os.path.isdir(p) else open(p).read(1))\n"
      "        print('LEAK', p)\n    except OSError:\n        print('denied', p)\n";
  json r = run("python", probe);
  CHECK(status_id(r) == 3);
  CHECK_MESSAGE(r["stdout"].get<std::string>().find("LEAK") == std::string::npos, r["stdout"]);
  json js = run("javascript",
                "const fs=require('fs'); for (const p of ['/etc/shadow','/root/.bashrc','" +
                    std::string(MOCKROOM_SOURCE_DIR) + "/README.md']) {"
                " try { fs.readFileSync(p); console.log('LEAK', p); } catch (e) { console.log('denied'); } }");
  CHECK(js["stdout"].get<std::string>().find("LEAK") == std::string::npos);
}

TEST_CASE("runner attack: host processes are invisible and the box sees few pids") {
  json r = run("python", "import os\nprint(len([p for p in os.listdir('/proc') if p.isdigit()]))\n");
  CHECK(status_id(r) == 3);
  CHECK(std::stoi(r["stdout"].get<std::string>()) <= 3);
}

TEST_CASE("runner attack: nothing can be written outside the box's scratch dirs") {
  json r = run("python",
               "for p in ['/usr/mockroom-evil', '/mockroom-evil', '/etc/mockroom-evil', "
               "'/box/src/evil', '/box/src/main.py']:\n"
               "    try:\n        open(p, 'w').write('x'); print('WROTE', p)\n"
               "    except OSError:\n        print('denied', p)\n"
               "open('/box/ok', 'w').write('scratch is fine'); print('scratch ok')\n");
  CHECK(status_id(r) == 3);
  std::string out = r["stdout"].get<std::string>();
  CHECK(out.find("WROTE") == std::string::npos);
  CHECK(out.find("scratch ok") != std::string::npos);
  CHECK_FALSE(exists("/usr/mockroom-evil"));
  CHECK_FALSE(exists("/mockroom-evil"));
}

TEST_CASE("runner attack: files left behind are not visible to the next run") {
  run("python", "open('/box/left.txt','w').write('x')\nopen('/tmp/left.txt','w').write('x')\n");
  json r = run("python",
               "import os\nprint(os.path.exists('/box/left.txt'), os.path.exists('/tmp/left.txt'))\n");
  CHECK(r["stdout"] == "False False\n");
}

TEST_CASE("runner attack: the network is unreachable, outside and on the host's localhost") {
  int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  REQUIRE(listen(listener, 4) == 0);
  socklen_t len = sizeof(addr);
  getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string port = std::to_string(ntohs(addr.sin_port));
  json r = run("python",
               "import socket\nfor host, port in [('127.0.0.1', " + port + "), ('1.1.1.1', 80), "
               "('8.8.8.8', 53)]:\n    try:\n        socket.create_connection((host, port), timeout=1)\n"
               "        print('CONNECTED', host)\n    except OSError:\n        print('blocked', host)\n");
  CHECK(status_id(r) == 3);
  CHECK(r["stdout"].get<std::string>().find("CONNECTED") == std::string::npos);
  CHECK(accept(listener, nullptr, nullptr) < 0);  // nobody knocked
  close(listener);
}

TEST_CASE("runner attack: kill(-1) cannot reach processes outside the box") {
  pid_t sentinel = fork();
  if (sentinel == 0) {
    // The same host uid as the boxes: only the pid namespace protects it.
    if (setgid(65534) != 0 || setuid(65534) != 0) _exit(1);
    pause();
    _exit(0);
  }
  json r = run("cpp", "#include <signal.h>\n#include <cstdio>\nint main(){ kill(-1, SIGKILL); "
                      "puts(\"still here\"); }\n");
  CHECK(r["stdout"] == "still here\n");
  int status = 0;
  CHECK(waitpid(sentinel, &status, WNOHANG) == 0);  // still running
  kill(sentinel, SIGKILL);
  waitpid(sentinel, &status, 0);
}

TEST_CASE("runner attack: ptrace, unshare, mount and setns are denied") {
  json r = run("cpp",
               "#include <sched.h>\n#include <sys/ptrace.h>\n#include <sys/mount.h>\n#include <cerrno>\n"
               "#include <cstdio>\nint main(){\n"
               " printf(\"%d \", ptrace(PTRACE_TRACEME, 0, 0, 0) == -1 && errno == EPERM);\n"
               " printf(\"%d \", unshare(CLONE_NEWUSER) == -1 && errno == EPERM);\n"
               " printf(\"%d \", unshare(CLONE_NEWNS) == -1 && errno == EPERM);\n"
               " printf(\"%d \", mount(\"none\", \"/tmp\", \"tmpfs\", 0, 0) == -1 && errno == EPERM);\n"
               " printf(\"%d\\n\", setns(0, 0) == -1 && errno == EPERM); }\n");
  CHECK(status_id(r) == 3);
  CHECK(r["stdout"] == "1 1 1 1 1\n");
}

TEST_CASE("runner attack: the host environment does not leak into the box") {
  setenv("MOCKROOM_TEST_SECRET", "hunter2-secret", 1);
  json py = run("python", "import os\nprint(sorted(os.environ.items()))\n");
  json js = run("javascript", "console.log(JSON.stringify(process.env))\n");
  unsetenv("MOCKROOM_TEST_SECRET");
  for (const json& r : {py, js}) {
    std::string out = r["stdout"].get<std::string>();
    CHECK(out.find("hunter2") == std::string::npos);
    CHECK(out.find("MOCKROOM_TEST_SECRET") == std::string::npos);
    CHECK(out.find("/box") != std::string::npos);  // HOME=/box
  }
}

TEST_CASE("runner attack: #include of /etc/shadow is a Compilation Error without its contents") {
  json r = run("cpp", "#include \"/etc/shadow\"\nint main(){}\n");
  CHECK(status_id(r) == 6);
  std::string shadow = read_text("/etc/shadow");
  std::string first_line = shadow.substr(0, shadow.find('\n'));
  if (!first_line.empty())
    CHECK(r["compile_output"].get<std::string>().find(first_line) == std::string::npos);
}

TEST_CASE("runner attack: #include </dev/random> ends as a Compilation Error") {
  json r = run("cpp", "#include </dev/random>\nint main(){}\n");
  CHECK(status_id(r) == 6);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: a template instantiation bomb ends as a Compilation Error") {
  json r = run("cpp",
               "template<int N> struct B { using L = B<N-1>; using R = B<N-2>; "
               "static constexpr long v = L::v + R::v + sizeof(typename L::L); };\n"
               "template<> struct B<0> { using L = B<0>; static constexpr long v = 1; };\n"
               "template<> struct B<1> { using L = B<0>; static constexpr long v = 1; };\n"
               "template<int D, int W> struct T { T<D-1, W*2+1> a; T<D-1, W*2+2> b; };\n"
               "template<int W> struct T<0, W> { char c[W]; };\n"
               "int main(){ T<40, 1> t; return sizeof(t) + B<900>::v; }\n");
  CHECK(status_id(r) == 6);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: unbounded recursion is a SIGSEGV runtime error, not a host problem") {
  json cpp = run("cpp", "int f(int n){ volatile char pad[512]; pad[0] = n; return f(n + 1) + pad[0]; }\n"
                        "int main(){ return f(0); }\n");
  CHECK(status_id(cpp) == 7);
  // CPython 3.11 keeps Python frames on the heap: the limit hit first may be memory.
  json py = run("python", "import sys\nsys.setrecursionlimit(10**8)\n"
                          "def f(n): return f(n + 1) + 1\nf(0)\n");
  CHECK((status_id(py) == 7 || status_id(py) == 15));
  json bounded = run("python", "def f(n): return f(n + 1) + 1\nf(0)\n");
  CHECK(status_id(bounded) == 11);
  CHECK(bounded["stderr"].get<std::string>().find("RecursionError") != std::string::npos);
  CHECK(no_box_processes_left());
}

TEST_CASE("runner attack: the candidate's source is read-only inside the box") {
  json r = run("javascript",
               "try { require('fs').writeFileSync('/box/src/main.js', 'x'); console.log('WROTE'); }"
               " catch (e) { console.log('read-only'); }");
  CHECK(r["stdout"] == "read-only\n");
}

}  // namespace
}  // namespace mockroom::runner_test
