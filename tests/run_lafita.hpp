#pragma once

#include "kiosk/commands/program.hpp"

#include <sstream>
#include <string>
#include <vector>

namespace lafita::test {

// `lafita` run in-process, the way main() runs it, with what it wrote.
struct Run {
  int code;
  std::string out;
  std::string err;
};

inline Run lafita(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = kiosk::run_program(args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace lafita::test
