# The Debian package (scripts/package.sh, or `cpack -G DEB` in a build folder): the binary in
# /usr/bin, the web root, the XSDs, the migrations and the backup scripts in
# /usr/share/zorgcontract, the configuration /etc/zorgcontract/zorgcontract.properties (a
# conffile), the systemd service and the timers of the daily jobs, and maintainer scripts that
# create the system user `zorgcontract` and the keys. docs/operations.md.
install(TARGETS zorgcontract RUNTIME DESTINATION bin)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/interfaces/web/ DESTINATION share/zorgcontract/web)
install(DIRECTORY ${CMAKE_SOURCE_DIR}/interfaces/xml/schemas/
        DESTINATION share/zorgcontract/schemas FILES_MATCHING PATTERN "*.xsd")
install(DIRECTORY ${CMAKE_SOURCE_DIR}/config/migrations/
        DESTINATION share/zorgcontract/migrations FILES_MATCHING PATTERN "*.sql")
install(PROGRAMS ${CMAKE_SOURCE_DIR}/scripts/backup.sh ${CMAKE_SOURCE_DIR}/scripts/restore.sh
        DESTINATION share/zorgcontract/scripts)
install(FILES ${CMAKE_SOURCE_DIR}/scripts/db-access.sh DESTINATION share/zorgcontract/scripts)
install(FILES ${CMAKE_SOURCE_DIR}/docs/operations.md ${CMAKE_SOURCE_DIR}/docs/configuration.md
              ${CMAKE_SOURCE_DIR}/docs/security.md
        DESTINATION share/doc/zorgcontract)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/zorgcontract.properties DESTINATION /etc/zorgcontract)
file(GLOB ZC_SYSTEMD_UNITS ${CMAKE_CURRENT_LIST_DIR}/systemd/*.service
     ${CMAKE_CURRENT_LIST_DIR}/systemd/*.timer)
install(FILES ${ZC_SYSTEMD_UNITS} DESTINATION /lib/systemd/system)

set(CPACK_PACKAGE_NAME zorgcontract)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "zorgcontract operators <beheer@zorgcontract.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "contracting and paying Wmo care providers for Dutch municipalities (HTTPS service)")
set(CPACK_PACKAGE_DESCRIPTION
    "Framework contracts, access decisions and allocations, the iWmo 3.2 message exchange,\n\
declarations with adjudication, budgets, SEPA payment runs with reconciliation and the ledger,\n\
with a web application for staff and providers. Needs a MariaDB server.")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# libpoco*, libmysqlcppconn7, libxerces-c3.2, libssl3, ... as dpkg-shlibdeps finds them.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "mariadb-client")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "mariadb-server")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/conffiles ${CMAKE_CURRENT_LIST_DIR}/debian/postinst
    ${CMAKE_CURRENT_LIST_DIR}/debian/prerm ${CMAKE_CURRENT_LIST_DIR}/debian/postrm)
set(CPACK_GENERATOR DEB)
include(CPack)
