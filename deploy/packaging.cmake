# Debian packages (CPack): `cpack -G DEB` in a build folder. Depends: the libraries the
# binary links (dpkg-shlibdeps) and the fonts it draws with; the example configuration is
# a conffile; the maintainer scripts create the user and enable the unit.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "lafita")
set(CPACK_PACKAGE_VENDOR "Lafita")
set(CPACK_PACKAGE_CONTACT "Lafita developers <lafita@lafita.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Digital-signage player with correct Arabic text")
set(CPACK_PACKAGE_DESCRIPTION "Lafita shows event summaries and meeting highlights from RSS, Atom, iCalendar and\n JSON feeds on unattended screens, with Arabic joined, shaped and ordered correctly.")
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The binary goes stripped (its symbols would be most of its size on an SD card).
set(CPACK_STRIP_FILES ON)
# On a console SDL's kmsdrm driver draws through GBM, EGL and GLES with a Mesa DRI driver
# (the GPU's, or its software rasteriser): libsdl2 itself brings only libgbm1.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-noto-core, fonts-dejavu-core, systemd, libegl1, libegl-mesa0, libgles2, libgl1-mesa-dri")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "ca-certificates")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_SOURCE_DIR}/deploy/conffiles ${PROJECT_SOURCE_DIR}/deploy/postinst
  ${PROJECT_SOURCE_DIR}/deploy/prerm ${PROJECT_SOURCE_DIR}/deploy/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# A cross build names the target's architecture (dpkg --print-architecture would say the host's).
if(LAFITA_DEB_ARCHITECTURE)
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE ${LAFITA_DEB_ARCHITECTURE})
endif()
if(LAFITA_DEB_SHLIB_DIRS)
  set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${LAFITA_DEB_SHLIB_DIRS})
endif()
include(CPack)
