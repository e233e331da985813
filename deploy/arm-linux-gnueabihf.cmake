# Cross toolchain for a 32-bit Raspberry Pi (armhf) from Debian 12 x86_64, with a sysroot:
# the target's -dev packages unpacked by mmdebstrap into LAFITA_ARMHF_SYSROOT (a cache
# variable, or the environment variable of that name). Debian's multiarch cannot be used
# for armhf here: its security index on the mirror broke `apt-get update` while armhf was
# enabled. Needs crossbuild-essential-armhf and qemu-user-static; scripts/cross-build armhf
# installs them and makes the sysroot. Tests run under qemu through
# CMAKE_CROSSCOMPILING_EMULATOR. (The armhf preset adds -Wno-psabi: GCC's notes that armhf
# passes some types differently since GCC 7.1 matter only beside objects built by GCC 6.)
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(LAFITA_TRIPLE arm-linux-gnueabihf)

if(NOT LAFITA_ARMHF_SYSROOT AND DEFINED ENV{LAFITA_ARMHF_SYSROOT})
  set(LAFITA_ARMHF_SYSROOT "$ENV{LAFITA_ARMHF_SYSROOT}" CACHE PATH "the armhf sysroot (scripts/cross-build armhf)")
endif()
if(NOT LAFITA_ARMHF_SYSROOT OR NOT EXISTS "${LAFITA_ARMHF_SYSROOT}/usr/include")
  message(FATAL_ERROR "LAFITA_ARMHF_SYSROOT must name an armhf sysroot; scripts/cross-build armhf makes one")
endif()
# try_compile reads this file again, without the cache.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES LAFITA_ARMHF_SYSROOT)

set(CMAKE_SYSROOT "${LAFITA_ARMHF_SYSROOT}")
set(CMAKE_C_COMPILER ${LAFITA_TRIPLE}-gcc)
set(CMAKE_CXX_COMPILER ${LAFITA_TRIPLE}-g++)
set(CMAKE_LIBRARY_ARCHITECTURE ${LAFITA_TRIPLE})
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# pkg-config looks inside the sysroot only and prefixes every -I and -L with it.
set(PKG_CONFIG_EXECUTABLE /usr/bin/pkg-config CACHE FILEPATH "pkg-config for the target")
set(ENV{PKG_CONFIG_DIR} "")
set(ENV{PKG_CONFIG_PATH} "")
set(ENV{PKG_CONFIG_LIBDIR}
    "${CMAKE_SYSROOT}/usr/lib/${LAFITA_TRIPLE}/pkgconfig:${CMAKE_SYSROOT}/usr/lib/pkgconfig:${CMAKE_SYSROOT}/usr/share/pkgconfig")
set(ENV{PKG_CONFIG_SYSROOT_DIR} "${CMAKE_SYSROOT}")

# qemu's -L makes the sysroot the target's root for the ELF interpreter, its libraries and
# any file that exists there (fonts, fontconfig's configuration); others come from the
# host. A one-word wrapper, because tests hand the emulator to child processes as a string.
find_program(LAFITA_QEMU NAMES qemu-arm-static qemu-arm)
if(LAFITA_QEMU)
  set(LAFITA_QEMU_WRAPPER "${CMAKE_BINARY_DIR}/qemu-armhf")
  file(WRITE "${LAFITA_QEMU_WRAPPER}" "#!/bin/sh\nexec '${LAFITA_QEMU}' -L '${CMAKE_SYSROOT}' \"$@\"\n")
  file(CHMOD "${LAFITA_QEMU_WRAPPER}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
       WORLD_READ WORLD_EXECUTE)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${LAFITA_QEMU_WRAPPER}")
endif()

set(LAFITA_DEB_ARCHITECTURE armhf CACHE STRING "Debian architecture of the package")
# dpkg-shlibdeps finds the target's libraries in the sysroot; the package database that
# says which package holds each is the one scripts/cross-build armhf writes from the
# sysroot's .deb files (DPKG_ADMINDIR when cpack runs).
set(LAFITA_DEB_SHLIB_DIRS "${CMAKE_SYSROOT}/lib/${LAFITA_TRIPLE};${CMAKE_SYSROOT}/usr/lib/${LAFITA_TRIPLE}" CACHE STRING
    "where dpkg-shlibdeps finds the target's libraries")
