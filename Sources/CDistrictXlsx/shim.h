#ifndef CDISTRICT_XLSX_SHIM_H
#define CDISTRICT_XLSX_SHIM_H
#include <xlsxwriter.h>
#endif
