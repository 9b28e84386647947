# The Python module (python/): built when pybind11 and the interpreter's headers are found.
# It is built for the interpreter that has Debian's pandas and numpy, /usr/bin/python3, when
# there is one (the python3 first on PATH may be another: pyenv, a venv); pass
# -DPython3_EXECUTABLE=... for another.
option(GRASSROOTS_PYTHON "Build the Python module (import grassroots) when pybind11 is found" ON)
set(GRASSROOTS_BUILD_PYTHON OFF)
if(GRASSROOTS_PYTHON)
    if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
        set(Python3_EXECUTABLE /usr/bin/python3)
    endif()
    find_package(Python3 COMPONENTS Interpreter Development.Module)
    if(Python3_FOUND)
        find_package(pybind11 2.6 CONFIG QUIET)
    endif()
    if(Python3_FOUND AND pybind11_FOUND)
        set(GRASSROOTS_BUILD_PYTHON ON)
        message(STATUS "Python module: for ${Python3_EXECUTABLE} (${Python3_VERSION}), pybind11 ${pybind11_VERSION}")
    else()
        message(STATUS "Python module: not built (needs pybind11-dev and python3-dev: scripts/bootstrap.sh)")
    endif()
endif()
# Relative to the install prefix: Debian's interpreter reads /usr/local/lib/python3.X/dist-packages.
set(GRASSROOTS_PYTHON_INSTALL_DIR "lib/python${Python3_VERSION_MAJOR}.${Python3_VERSION_MINOR}/dist-packages"
    CACHE STRING "Where cmake --install puts the Python package, relative to the prefix")
