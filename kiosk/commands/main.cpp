#include "kiosk/commands/program.hpp"

#include <iostream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  return lafita::kiosk::run_program(args, std::cout, std::cerr);
}
