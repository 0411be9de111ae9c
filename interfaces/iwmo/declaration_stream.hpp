#pragma once
// Reads a WMO323 on a thread of its own and hands its head and its prestaties over in batches
// through a small bounded queue, so that parsing and schema validation (about a third of an
// intake) run while the caller adjudicates and writes the previous batch. Memory stays bounded:
// at most `max_batches` batches wait in the queue.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "interfaces/iwmo/declaration.hpp"

namespace zc::iwmo {

class DeclarationStream {
  public:
    struct Batch {
        std::optional<DeclarationHead> head;  // set on the first batch only
        std::vector<Prestatie> prestaties;    // in document order
        bool end = false;                     // the last batch: `problems` is the read's outcome
        Problems problems;
    };

    // Starts reading `source` (as DeclarationReader::read). `schemas` and `source` must outlive
    // the stream.
    DeclarationStream(const xml::SchemaSet& schemas, const DeclarationSource& source,
                      const xml::Limits& limits, std::size_t batch_size = 500,
                      std::size_t max_batches = 4);
    // Stops the reader if it is still running and waits for its thread.
    ~DeclarationStream();
    DeclarationStream(const DeclarationStream&) = delete;
    DeclarationStream& operator=(const DeclarationStream&) = delete;

    // Blocks until the next batch is ready. After the batch with `end` it must not be called
    // again. An exception on the reader's thread is rethrown here.
    Batch next();
    // Asks the reader to stop; the end then follows soon, with the problem STREAM_STOPPED.
    void stop();

  private:
    void read(const xml::SchemaSet& schemas, const DeclarationSource& source,
              const xml::Limits& limits);
    void push(Batch batch);

    const std::size_t batch_size_;
    const std::size_t max_batches_;
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Batch> queue_;
    bool stopped_ = false;
    std::exception_ptr failure_;
    std::thread thread_;
};

}  // namespace zc::iwmo
