# Cross toolchain for a 64-bit Raspberry Pi (arm64) from Debian 12 x86_64, multiarch: the
# target's libraries are the :arm64 -dev packages in /usr/lib/aarch64-linux-gnu, no sysroot.
# Needs crossbuild-essential-arm64, the :arm64 -dev packages and qemu-user-static
# (scripts/cross-build arm64 installs them). Tests run under qemu through
# CMAKE_CROSSCOMPILING_EMULATOR.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(LAFITA_TRIPLE aarch64-linux-gnu)

set(CMAKE_C_COMPILER ${LAFITA_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${LAFITA_TRIPLE}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${LAFITA_TRIPLE})

# The "sysroot" is / itself; programs are the host's, libraries and headers the target's.
# LAFITA_CROSS_EXTRA (the environment: try_compile sees it too) holds target libraries
# that have no installable -dev package here (scripts/cross-build makes it).
set(CMAKE_FIND_ROOT_PATH /usr/${LAFITA_TRIPLE} /usr)
if(DEFINED ENV{LAFITA_CROSS_EXTRA})
  list(PREPEND CMAKE_FIND_ROOT_PATH "$ENV{LAFITA_CROSS_EXTRA}")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Debian's pkgconf personality for the triplet searches the target's .pc files only.
set(PKG_CONFIG_EXECUTABLE /usr/bin/${LAFITA_TRIPLE}-pkg-config CACHE FILEPATH "pkg-config for the target")
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/${LAFITA_TRIPLE}/pkgconfig:/usr/share/pkgconfig")
if(DEFINED ENV{LAFITA_CROSS_EXTRA})
  set(ENV{PKG_CONFIG_LIBDIR} "$ENV{LAFITA_CROSS_EXTRA}/lib/pkgconfig:$ENV{PKG_CONFIG_LIBDIR}")
endif()
set(ENV{PKG_CONFIG_PATH} "")

find_program(LAFITA_QEMU NAMES qemu-aarch64-static qemu-aarch64)
if(LAFITA_QEMU)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${LAFITA_QEMU})
endif()

# dpkg --print-architecture would name the build machine's.
set(LAFITA_DEB_ARCHITECTURE arm64 CACHE STRING "Debian architecture of the package")
