// The open files, kept in the browser (IndexedDB: no size limit worth the name, nothing sent
// anywhere) so that closing the tab or reloading loses nothing.
const DB = "perflang-workbench";
const STORE = "files";

function open() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let db = null;

export async function load() {
  try {
    db = db || (await open());
    return await new Promise((resolve) => {
      const req = db.transaction(STORE).objectStore(STORE).get("session");
      req.onsuccess = () => resolve(req.result || null);
      req.onerror = () => resolve(null);
    });
  } catch {
    return null; // private mode without storage: the page still works, nothing is kept
  }
}

export async function save(session) {
  try {
    db = db || (await open());
    await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, "readwrite");
      tx.objectStore(STORE).put(session, "session");
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    return true;
  } catch {
    return false;
  }
}
