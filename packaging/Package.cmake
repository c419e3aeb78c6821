# What `make install` puts where, and the Debian package (cpack -G DEB)
# that carries it: the binaries, the units, /etc/yousu's samples, the
# profiles, catalogues, calendars and the desk under /usr/share/yousu;
# the package's postinst makes the system user yousu and /var/lib/yousu.
include(GNUInstallDirs)
install(TARGETS yousu-node yousu-hub yousu-bridge yousuctl
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY configs/profiles configs/departments configs/calendars
  configs/hotline DESTINATION ${CMAKE_INSTALL_DATADIR}/yousu)
install(DIRECTORY web/ DESTINATION ${CMAKE_INSTALL_DATADIR}/yousu/web)
install(PROGRAMS scripts/setup-county.sh
  DESTINATION ${CMAKE_INSTALL_DATADIR}/yousu/scripts)
install(FILES packaging/yousu-node.service packaging/yousu-hub.service
  packaging/yousu-bridge.service DESTINATION lib/systemd/system)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
# samples that start as they are; conffiles, so an upgrade keeps edits
install(FILES packaging/etc/node.ini packaging/etc/hub.ini
  packaging/etc/bridge.ini DESTINATION /etc/yousu
  PERMISSIONS OWNER_READ OWNER_WRITE GROUP_READ)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME yousu)
set(CPACK_PACKAGE_VENDOR "yousu")
set(CPACK_PACKAGE_CONTACT "yousu maintainers <yousu@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "有诉即办: government-service complaints between townships, county and city")
set(CPACK_PACKAGE_DESCRIPTION
  "yousu registers, routes, times, escalates and closes the complaints of
township convenience centres, the county government service centre and the
city bureau, each running its own daemon with its own SQLite store.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "passwd")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
  "libjs-bootstrap5, libjs-chart.js, fonts-noto-cjk, sqlite3")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  "${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/postinst;${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/postrm;${CMAKE_CURRENT_SOURCE_DIR}/packaging/debian/conffiles")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
