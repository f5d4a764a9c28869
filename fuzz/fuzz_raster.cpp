// GeoTIFF headers and cells through GDAL's in-memory files (/vsimem/): open, place (geotransform,
// CRS, PROJ), then a read of at most 64 x 64 cells from the corner and each cell's centre.
#include <algorithm>

#include <cpl_vsi.h>

#include "dayafter/io/raster.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const char* name = "/vsimem/fuzz.tif";
    // GDAL reads the buffer in place (no copy, not owned): it outlives the file.
    VSILFILE* handle = VSIFileFromMemBuffer(name, const_cast<GByte*>(data),
                                            static_cast<vsi_l_offset>(size), FALSE);
    if (handle == nullptr) {
        return 0;
    }
    VSIFCloseL(handle);
    dayafter::fuzz::guarded([&] {
        const auto raster = dayafter::io::Raster::open(name);
        if (raster.placement_problem()) {
            return;
        }
        const dayafter::io::RasterWindow window{0, 0, std::min(raster.width(), 64),
                                                std::min(raster.height(), 64)};
        raster.read(window,
                    [&](const dayafter::io::RasterCell& cell) { (void)raster.centre(cell); }, {});
    });
    VSIUnlink(name);
    return 0;
}
