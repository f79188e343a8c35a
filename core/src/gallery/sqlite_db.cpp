#include "sqlite_db.h"

#include <pictor/error.h>

#include <sqlite3.h>

namespace pictor::gallery {

namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what)
{
    throw Error("Gallery index '" + std::string(db ? sqlite3_db_filename(db, "main") ? sqlite3_db_filename(db, "main") : "" : "") +
                "': " + what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

} // namespace

Statement::Statement(sqlite3* db, const std::string& sql) : m_db(db)
{
    if (sqlite3_prepare_v2(db, sql.c_str(), int(sql.size()), &m_stmt, nullptr) != SQLITE_OK) fail(db, "cannot prepare '" + sql + "'");
}

Statement::~Statement() { sqlite3_finalize(m_stmt); }

Statement& Statement::bind(int index, int64_t value)
{
    if (sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    if (sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

Statement& Statement::bind(int index, const std::string& text)
{
    if (sqlite3_bind_text(m_stmt, index, text.data(), int(text.size()), SQLITE_TRANSIENT) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

Statement& Statement::bindBlob(int index, const void* data, std::size_t size)
{
    if (sqlite3_bind_blob64(m_stmt, index, data, sqlite3_uint64(size), SQLITE_TRANSIENT) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

Statement& Statement::bindNull(int index)
{
    if (sqlite3_bind_null(m_stmt, index) != SQLITE_OK) fail(m_db, "bind");
    return *this;
}

bool Statement::step()
{
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string sql = sqlite3_sql(m_stmt) ? sqlite3_sql(m_stmt) : "";
    sqlite3_reset(m_stmt);
    fail(m_db, "cannot run '" + sql.substr(0, 60) + "'");
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

void Statement::reset()
{
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

int64_t Statement::integer(int column) const { return sqlite3_column_int64(m_stmt, column); }
double Statement::real(int column) const { return sqlite3_column_double(m_stmt, column); }
bool Statement::isNull(int column) const { return sqlite3_column_type(m_stmt, column) == SQLITE_NULL; }

std::string Statement::text(int column) const
{
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, column))) : std::string();
}

std::vector<uint8_t> Statement::blob(int column) const
{
    const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(m_stmt, column));
    return p ? std::vector<uint8_t>(p, p + sqlite3_column_bytes(m_stmt, column)) : std::vector<uint8_t>();
}

Database::Database(const std::string& path) : m_path(path)
{
    if (sqlite3_open_v2(path.c_str(), &m_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr) != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : "out of memory";
        sqlite3_close(m_db);
        throw Error("Cannot open the gallery index '" + path + "': " + message);
    }
    sqlite3_busy_timeout(m_db, 10000);
    try {
        // WAL: readers never block the indexer and a killed process leaves a consistent file.
        exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    } catch (...) {
        sqlite3_close(m_db);
        throw;
    }
}

Database::~Database() { sqlite3_close(m_db); }

void Database::exec(const std::string& sql)
{
    char* message = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        const std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw Error("Gallery index '" + m_path + "': " + text);
    }
}

int64_t Database::lastInsertId() const { return sqlite3_last_insert_rowid(m_db); }

Database::Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Database::Transaction::~Transaction()
{
    if (!m_done) sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Database::Transaction::commit()
{
    m_db.exec("COMMIT");
    m_done = true;
}

void migrateGallerySchema(Database& db)
{
    // Each entry takes the schema from version i to i + 1; never edit one that has shipped.
    static const char* const kMigrations[] = {
        // 1: files, the models that embedded them, and their vectors.
        "CREATE TABLE models(id INTEGER PRIMARY KEY, identity TEXT NOT NULL UNIQUE, description TEXT, dim INTEGER NOT NULL);"
        "CREATE TABLE images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, folder TEXT NOT NULL, ext TEXT NOT NULL,"
        " size INTEGER NOT NULL, mtime INTEGER NOT NULL, hash TEXT NOT NULL, width INTEGER, height INTEGER,"
        " taken_at INTEGER, orientation INTEGER, error TEXT, missing INTEGER NOT NULL DEFAULT 0);"
        "CREATE INDEX images_hash ON images(hash);"
        "CREATE INDEX images_folder ON images(folder);"
        "CREATE TABLE embeddings(image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
        " model_id INTEGER NOT NULL REFERENCES models(id), vector BLOB NOT NULL, PRIMARY KEY(image_id, model_id));",
        // 2: zero-shot tags.
        "CREATE TABLE tags(image_id INTEGER NOT NULL REFERENCES images(id) ON DELETE CASCADE,"
        " model_id INTEGER NOT NULL REFERENCES models(id), label TEXT NOT NULL, probability REAL NOT NULL,"
        " PRIMARY KEY(image_id, label));"
        "CREATE INDEX tags_label ON tags(label);",
    };
    static_assert(sizeof kMigrations / sizeof kMigrations[0] == kGallerySchemaVersion);
    Statement version(db.handle(), "PRAGMA user_version");
    version.step();
    const int64_t current = version.integer(0);
    version.reset();
    if (current > kGallerySchemaVersion)
        throw Error("Gallery index '" + db.path() + "' was written by a newer Pictor (schema " + std::to_string(current) + ")");
    for (int64_t v = current; v < kGallerySchemaVersion; ++v) {
        Database::Transaction t(db);
        db.exec(kMigrations[v]);
        db.exec("PRAGMA user_version=" + std::to_string(v + 1));
        t.commit();
    }
}

} // namespace pictor::gallery
