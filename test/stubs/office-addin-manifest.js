// office-addin-mock only needs this enum from office-addin-manifest, whose real package pulls in
// ESM-only dependencies that Jest 30 on Node 20 cannot load (see README, development notes).
module.exports = {
  OfficeApp: {
    Excel: 'excel',
    OneNote: 'onenote',
    Outlook: 'outlook',
    PowerPoint: 'powerpoint',
    Project: 'project',
    Word: 'word',
  },
};
