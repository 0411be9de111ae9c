#include "interfaces/iwmo/declaration_stream.hpp"

#include <utility>

namespace zc::iwmo {

DeclarationStream::DeclarationStream(const xml::SchemaSet& schemas, const DeclarationSource& source,
                                     const xml::Limits& limits, std::size_t batch_size,
                                     std::size_t max_batches)
    : batch_size_(batch_size == 0 ? 1 : batch_size),
      max_batches_(max_batches == 0 ? 1 : max_batches),
      thread_([this, &schemas, &source, limits] { read(schemas, source, limits); }) {}

DeclarationStream::~DeclarationStream() {
    stop();
    thread_.join();
}

void DeclarationStream::stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    changed_.notify_all();
}

void DeclarationStream::push(Batch batch) {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return stopped_ || queue_.size() < max_batches_ || batch.end; });
    if (stopped_ && !batch.end) {
        throw xml::StreamStop{{"STREAM_STOPPED", "the reader was stopped", 0, 0}};
    }
    queue_.push_back(std::move(batch));
    changed_.notify_all();
}

void DeclarationStream::read(const xml::SchemaSet& schemas, const DeclarationSource& source,
                             const xml::Limits& limits) {
    Batch end{std::nullopt, {}, true, {}};
    try {
        Batch batch;
        DeclarationReader reader;
        end.problems = reader.read(
            schemas, source, limits, [&](const DeclarationHead& head) { batch.head = head; },
            [&](const Prestatie& p) {
                batch.prestaties.push_back(p);
                if (batch.prestaties.size() < batch_size_) return;
                push(std::move(batch));
                batch = Batch{};
                batch.prestaties.reserve(batch_size_);
            });
        // What is left (and the head of a declaration without prestaties) goes with the end.
        end.head = std::move(batch.head);
        end.prestaties = std::move(batch.prestaties);
    } catch (...) {
        std::lock_guard lock(mutex_);
        failure_ = std::current_exception();
    }
    push(std::move(end));
}

DeclarationStream::Batch DeclarationStream::next() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !queue_.empty(); });
    Batch batch = std::move(queue_.front());
    queue_.pop_front();
    changed_.notify_all();
    if (batch.end && failure_) std::rethrow_exception(failure_);
    return batch;
}

}  // namespace zc::iwmo
