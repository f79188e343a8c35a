#pragma once
// A thin RAII layer over the SQLite C API (Qt's SQL module would hide WAL, busy timeouts and
// blob binding behind QVariant; the C API is what we need and Debian ships it).
#include <cstdint>
#include <string>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace pictor::gallery {

class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, const std::string& text);
    Statement& bindBlob(int index, const void* data, std::size_t size);
    Statement& bindNull(int index);
    /// Runs one step: true while a row is available.
    bool step();
    /// Runs to completion (for statements without rows) and resets for reuse.
    void run();
    void reset();

    int64_t integer(int column) const;
    double real(int column) const;
    std::string text(int column) const;
    std::vector<uint8_t> blob(int column) const;
    bool isNull(int column) const;

private:
    sqlite3* m_db;
    sqlite3_stmt* m_stmt = nullptr;
};

class Database {
public:
    /// Opens or creates; WAL, foreign keys, a busy timeout so readers and the indexer coexist.
    explicit Database(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }
    void exec(const std::string& sql);
    int64_t lastInsertId() const;

    /// BEGIN IMMEDIATE ... COMMIT; rolls back when destroyed uncommitted.
    class Transaction {
    public:
        explicit Transaction(Database& db);
        ~Transaction();
        void commit();

    private:
        Database& m_db;
        bool m_done = false;
    };

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
};

/// Brings the schema to the current version (PRAGMA user_version), one migration at a time.
void migrateGallerySchema(Database& db);
constexpr int kGallerySchemaVersion = 2;

} // namespace pictor::gallery
